/**
 * Reads a run directory's evidence.json for a reader of it (the HTML report):
 * JSON, and the shape of schemas/evidence.v1.json (formats not checked), so
 * what reads it can trust its fields. Whether it was edited since the run is
 * verify-bundle.ts's question, not this one's; but a bundle that verified is
 * the recorder's own output, whose shape its tests check, so the caller may
 * skip the schema then (`checkShape: false`: compiling the schema is most of
 * the cost). Problems are an EvidenceFileError listing each (at most ten)
 * with its JSON path.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { repoRoot } from '../repo-root.ts';
import { type Evidence, evidenceSchemaId } from './evidence.ts';

export class EvidenceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceFileError';
  }
}

let validator: ValidateFunction | undefined;
const validate = (data: unknown) => {
  validator ??= new Ajv2020({ allErrors: true, validateFormats: false }).compile(
    JSON.parse(readFileSync(join(repoRoot, 'schemas', 'evidence.v1.json'), 'utf8')),
  );
  return validator(data);
};

export async function readEvidence(runDir: string, options: { checkShape?: boolean } = {}): Promise<Evidence> {
  const file = join(runDir, 'evidence.json');
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EvidenceFileError(
      `${file}: cannot be read (${error.code ?? error.message}); give a run directory (reports/<run-id>/ or reports/latest)`,
    );
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new EvidenceFileError(`${file}: not JSON (${(error as Error).message})`);
  }
  const schema = (data as { schema?: unknown } | null)?.schema;
  if (schema !== evidenceSchemaId)
    throw new EvidenceFileError(`${file}: not ${evidenceSchemaId} evidence (its schema is ${JSON.stringify(schema)})`);
  if (options.checkShape === false || validate(data)) return data as Evidence;
  const problems = (validator?.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
  const shown = problems.slice(0, 10).map((p) => `\n  ${p}`);
  throw new EvidenceFileError(
    `${file}: does not match schemas/evidence.v1.json (${problems.length} problem${problems.length === 1 ? '' : 's'}${problems.length > 10 ? ', the first 10' : ''}):${shown.join('')}`,
  );
}
