/**
 * What `firedrill init` tells its user: the file it wrote, what it translated,
 * a numbered list of what it did not (each also a TODO in the file), and the
 * problems firedrill would still find in the file as written.
 *
 *   Wrote firedrill.config.ts from docker-compose.yml.
 *   Translated:
 *     datastores  postgres 15 (db: postgres:15)
 *     services    api (PORT, health /health)
 *     links       api → postgres (DATABASE_URL)
 *   Not translated (each a TODO in firedrill.config.ts):
 *     1. services.api.volumes: not translated: …
 */
import type { ConfigProblem } from '../config/config-file-error.ts';
import type { ComposeImport } from './translate-compose.ts';

export function importReport(
  imported: ComposeImport,
  shownOut: string,
  shownCompose: string,
  problems: readonly ConfigProblem[],
): string[] {
  const { datastores, services, links } = imported.translated;
  const row = (label: string, items: readonly string[]) =>
    items
      .map((item, i) => `  ${(i === 0 ? label : '').padEnd(10)}  ${item}`)
      .concat(items.length === 0 ? [`  ${label.padEnd(10)}  none`] : []);
  return [
    `Wrote ${shownOut} from ${shownCompose}.`,
    'Translated:',
    ...row('datastores', datastores),
    ...row('services', services),
    ...row('links', links),
    `Not translated (each a TODO in ${shownOut}):`,
    ...imported.notes.map((note, i) => `  ${i + 1}. ${note.source}: ${note.text}`),
    ...(problems.length === 0
      ? []
      : [
          `Still to fix before firedrill can use it (firedrill list --config ${shownOut} shows what remains):`,
          ...problems.map((problem) => `  ${problem.field ? `${problem.field}: ` : ''}${problem.message}`),
        ]),
  ];
}
