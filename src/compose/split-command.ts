/**
 * A compose `command:` string split into arguments the way compose splits it
 * (shell words: whitespace, single and double quotes, backslashes), with no
 * shell behind it: `&&`, pipes and redirections reach the image's entrypoint
 * as plain arguments, which is seldom what the author meant, so they are
 * reported; an unclosed quote cannot be split at all.
 */
export type SplitCommand =
  | { readonly ok: true; readonly args: readonly string[]; readonly shellSyntax: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const operators = new Set(['&&', '||', ';', '|', '&', '>', '>>', '<', '2>', '2>&1']);

export function splitCommand(command: string): SplitCommand {
  const args: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const char = command[i]!;
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (char === '\\' && i + 1 < command.length && (quote === undefined || '"\\$`'.includes(command[i + 1]!))) {
      word = (word ?? '') + command[++i];
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) args.push(word);
      word = undefined;
    } else word = (word ?? '') + char;
  }
  if (quote !== undefined) return { ok: false, reason: `its ${quote === "'" ? 'single' : 'double'} quote is never closed` };
  if (word !== undefined) args.push(word);
  return { ok: true, args, shellSyntax: args.filter((arg) => operators.has(arg) || arg.startsWith('$(')) };
}
