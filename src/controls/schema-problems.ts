/**
 * The controls file checked against schemas/controls.v1.json (ajv, every
 * problem at once), each problem at its line and field as the file's author
 * reads them: `controls[3].title: expected a "title" field`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { repoRoot } from '../repo-root.ts';
import type { ControlsProblem } from './controls-file-error.ts';
import type { YamlLines } from './yaml-lines.ts';

export const controlsSchemaFile = join(repoRoot, 'schemas', 'controls.v1.json');

const validate = new Ajv2020({ allErrors: true, verbose: true }).compile(JSON.parse(readFileSync(controlsSchemaFile, 'utf8')));

export function schemaProblems(data: unknown, lines: YamlLines): ControlsProblem[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => problemOf(error, lines));
}

function problemOf(error: ErrorObject, lines: YamlLines): ControlsProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const name = String(params.missingProperty);
    return { line: lines.lineOf(path), field: fieldPath([...path, name]), message: `expected a "${name}" field` };
  }
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
    return { line: lines.lineOf(path, name), field: fieldPath([...path, name]), message: `unknown field; known: ${known.join(', ')}` };
  }
  return { line: lines.lineOf(path), field: fieldPath(path), message: `${messageOf(error, params)}; got ${JSON.stringify(error.data)}` };
}

function messageOf(error: ErrorObject, params: Record<string, unknown>): string {
  switch (error.keyword) {
    case 'const':
      return `expected ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `expected ${({ array: 'a list', object: 'a map' } as Record<string, string>)[String(params.type)] ?? `a ${String(params.type)}`}`;
    case 'pattern':
      return `expected to match ${String(params.pattern)}`;
    case 'minLength':
      return 'expected a non-empty string';
    case 'minItems':
      return `expected at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'uniqueItems':
      return `expected each item once; items ${[params.i, params.j]
        .map(Number)
        .sort((a, b) => a - b)
        .join(' and ')} are the same`;
    default:
      return `expected what schemas/controls.v1.json says (${error.message ?? error.keyword})`;
  }
}

/** `controls[3].scenarios[1]`. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${key}`)).join('');
}
