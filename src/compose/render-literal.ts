/**
 * A plain value (strings, numbers, booleans, arrays, objects) as a readable
 * TypeScript literal: single quotes, trailing commas, short objects on one
 * line, and the comments given for a field written on the lines above it:
 *
 *   {
 *     // TODO: …
 *     portVariable: 'PORT',
 *   }
 *
 * A field is named as config problems name it: `services[0].paths.health`.
 */
export type Comments = ReadonlyMap<string, readonly string[]>;

const lineWidth = 120;

export function renderLiteral(value: unknown, comments: Comments, path = '', indent = ''): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const entries: [string, string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => ['', `${path}[${i}]`, item])
    : Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        `${propertyName(key)}: `,
        path ? `${path}.${key}` : key,
        item,
      ]);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const commented = [...comments.keys()].some((field) =>
    path === '' ? field !== '' : field.startsWith(`${path}.`) || field.startsWith(`${path}[`),
  );
  if (!commented) {
    const inline = entries.map(([key, field, item]) => `${key}${renderLiteral(item, comments, field, indent)}`).join(', ');
    const spaced = Array.isArray(value) ? inline : ` ${inline} `;
    if (!inline.includes('\n') && indent.length + spaced.length + 2 <= lineWidth - 30) return `${open}${spaced}${close}`;
  }
  const inner = `${indent}  `;
  const lines = entries.map(
    ([key, field, item]) =>
      `${commentLines(comments.get(field) ?? [], inner)}${inner}${key}${renderLiteral(item, comments, field, inner)},\n`,
  );
  return `${open}\n${lines.join('')}${indent}${close}`;
}

/** `// TODO: …` lines, wrapped at the line width, each at `indent`. */
export function commentLines(texts: readonly string[], indent: string): string {
  return texts
    .map((text) =>
      wrap(`TODO: ${text}`, lineWidth - indent.length - 9)
        .map((line, i) => `${indent}//${i === 0 ? ' ' : '       '}${line}\n`)
        .join(''),
    )
    .join('');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

const quoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n')}'`;
const propertyName = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : quoted(key));
