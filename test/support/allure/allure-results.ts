import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { StepResult, TestResult } from 'allure-js-commons';

const schema = JSON.parse(await readFile(new URL('./allure-result.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true }).compile(schema);

/** The violations of Allure's result format (allure-result.schema.json) in one result file's JSON, as "path: message" lines. */
export function allureResultProblems(result: unknown): string[] {
  return validate(result) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

export interface AllureResults {
  readonly files: readonly string[];
  /** Each `*-result.json`, parsed, by test name. */
  readonly byName: ReadonlyMap<string, TestResult>;
  /** An attachment's content, by its `source`. */
  attachment(source: string): Promise<string>;
}

export async function readAllureResults(dir: string): Promise<AllureResults> {
  const files = (await readdir(dir)).sort();
  const results = await Promise.all(
    files.filter((f) => f.endsWith('-result.json')).map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as TestResult),
  );
  return {
    files,
    byName: new Map(results.map((r) => [r.name!, r])),
    attachment: (source) => readFile(join(dir, source), 'utf8'),
  };
}

/** Every attachment of a test and its steps, depth first. */
export function attachmentsOf(item: TestResult | StepResult): StepResult['attachments'] {
  return [...item.attachments, ...item.steps.flatMap((s) => attachmentsOf(s))];
}
