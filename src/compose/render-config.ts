/**
 * The written `firedrill.config.ts`: a header naming the compose file it came
 * from, `defineConfig` imported by its path in this checkout (firedrill is
 * not published as a package), and the config with a `// TODO:` at each
 * field a note concerns (at the nearest field written, when the one it names
 * is not; at the head, for the file as a whole).
 */
import { dirname, relative, sep } from 'node:path';
import { repoRoot } from '../repo-root.ts';
import type { ComposeImport } from './translate-compose.ts';
import { commentLines, renderLiteral } from './render-literal.ts';

/** `outFile` and `composeFile` absolute. */
export function renderConfig(imported: ComposeImport, composeFile: string, outFile: string): string {
  const written = fieldsOf(imported.config);
  const comments = new Map<string, string[]>();
  for (const note of imported.notes) {
    let at = note.at;
    while (at !== '' && !written.has(at)) at = at.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    comments.set(at, [...(comments.get(at) ?? []), `${note.source}: ${note.text}`]);
  }
  const index = relative(dirname(outFile), `${repoRoot}src/index.ts`).split(sep).join('/');
  return [
    '/**',
    ` * ${imported.config.name}, as firedrill init --from-compose translated it from`,
    ` * ${relative(dirname(outFile), composeFile).split(sep).join('/') || composeFile}: a start, to finish by hand.`,
    ' * Each TODO is something the compose file did not say or firedrill could not',
    ' * translate; `firedrill list --config <this file>` checks it.',
    ' */',
    `import { defineConfig } from '${index.startsWith('.') ? index : `./${index}`}';`,
    '',
    ...(comments.has('') ? [commentLines(comments.get('')!, '').trimEnd()] : []),
    `export default defineConfig(${renderLiteral(imported.config, comments)});`,
    '',
  ].join('\n');
}

/** Every field of a plain value, as `services[0].docker.image`. */
function fieldsOf(value: unknown, path = '', fields = new Set<string>()): Set<string> {
  if (path !== '') fields.add(path);
  if (Array.isArray(value)) for (const [i, item] of value.entries()) fieldsOf(item, `${path}[${i}]`, fields);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) fieldsOf(item, path ? `${path}.${key}` : key, fields);
  return fields;
}
