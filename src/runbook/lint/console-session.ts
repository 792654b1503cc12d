/**
 * A terminal transcript (```console, ```shell-session): the `$ ` lines are
 * commands (with `> ` continuation lines after one), the rest is output.
 */
export const sessionLangs: ReadonlySet<string> = new Set(['console', 'shell-session', 'shellsession', 'sh-session', 'terminal']);

const prompt = /^\s*\$ /;
const continuation = /^\s*> /;

export const hasPrompts = (code: string) => code.split('\n').some((line) => prompt.test(line));

/** The commands without their prompts; output lines left blank, so that every line keeps its number. */
export function sessionCommands(code: string): string {
  let inCommand = false;
  return code
    .split('\n')
    .map((line) => {
      if (prompt.test(line) || (inCommand && continuation.test(line))) {
        inCommand = true;
        return line.replace(prompt, '').replace(continuation, '');
      }
      inCommand = false;
      return '';
    })
    .join('\n');
}
