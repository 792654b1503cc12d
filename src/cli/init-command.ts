/**
 * `firedrill init --from-compose FILE`: writes a starting firedrill.config.ts
 * from a docker-compose file, and reports what it translated and what it did
 * not. A compose file it cannot read, or an output file that exists (without
 * --force), is exit 2 with nothing written.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configSchema } from '../config/config-schema.ts';
import type { ConfigProblem } from '../config/config-file-error.ts';
import { fieldPath } from '../config/config-file-error.ts';
import { crossCheck } from '../config/cross-check.ts';
import { importReport } from '../compose/import-report.ts';
import { readComposeFile } from '../compose/read-compose-file.ts';
import { renderConfig } from '../compose/render-config.ts';
import { type ComposeImport, translateCompose } from '../compose/translate-compose.ts';
import { shownPath } from '../shown-path.ts';
import { ConfigError } from './config-error.ts';

export interface InitOptions {
  /** The docker-compose file to translate. */
  readonly fromCompose: string;
  /** Default `firedrill.config.ts` in the working directory. */
  readonly out?: string;
  /** Overwrite the output file when it exists. */
  readonly force?: boolean;
}

export async function initCommand(options: InitOptions): Promise<number> {
  const project = await readComposeFile(options.fromCompose);
  const imported = translateCompose(project);
  const out = resolve(options.out ?? 'firedrill.config.ts');
  const source = renderConfig(imported, project.file, out);
  // 'wx' fails when the file exists, in the same step that would create it.
  await writeFile(out, source, { flag: options.force ? 'w' : 'wx' }).catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(
      error.code === 'EEXIST'
        ? `${shownPath(out)} exists; nothing was written (--force overwrites it)`
        : `cannot write ${shownPath(out)}: ${error.code ?? error.message}; nothing was written`,
    );
  });
  for (const line of importReport(imported, shownPath(out), shownPath(project.file), shapeProblems(imported)))
    process.stdout.write(`${line}\n`);
  return 0;
}

/** What firedrill's checks would say of the config's fields (not of the files it names, which are still to be written). */
function shapeProblems(imported: ComposeImport): ConfigProblem[] {
  const parsed = configSchema.safeParse(imported.config);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ field: fieldPath(issue.path), message: issue.message }));
  return crossCheck(parsed.data);
}
