/**
 * Reads a controls file: YAML, the shape of schemas/controls.v1.json, each
 * control id once, and — given the scenarios the system knows — each scenario
 * id one of them. Every problem at once, as a ControlsFileError naming file,
 * line and field.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Control, Controls } from './controls.ts';
import { ControlsFileError, type ControlsProblem } from './controls-file-error.ts';
import { fieldPath, schemaProblems } from './schema-problems.ts';
import { type YamlLines, yamlLines } from './yaml-lines.ts';

export interface LoadControlsOptions {
  /** The scenario ids the system knows; absent: scenario ids are not checked. */
  readonly knownScenarios?: readonly string[];
}

export async function loadControls(path: string, options: LoadControlsOptions = {}): Promise<Controls> {
  const file = resolve(path);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'found nothing at this path' : (error.code ?? error.message);
    throw new ControlsFileError(file, [{ line: 0, field: '', message: `expected a readable controls file; ${why}` }]);
  });
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter });
  if (document.errors.length > 0)
    throw new ControlsFileError(
      file,
      document.errors.map((error) => ({
        line: error.linePos?.[0].line ?? 0,
        field: '',
        message: `expected YAML; ${firstLine(error.message)}`,
      })),
    );
  const data: unknown = document.toJS();
  const lines = yamlLines(document, counter);
  const shapeProblems = schemaProblems(data, lines);
  if (shapeProblems.length > 0) throw new ControlsFileError(file, shapeProblems);
  const { controls } = data as { controls: Control[] };
  const problems = [...duplicateIds(controls, lines), ...unknownScenarios(controls, lines, options.knownScenarios)];
  if (problems.length > 0) throw new ControlsFileError(file, problems);
  return { file, controls };
}

function duplicateIds(controls: readonly Control[], lines: YamlLines): ControlsProblem[] {
  return controls.flatMap((control, index) => {
    const first = controls.findIndex((other) => other.id === control.id);
    if (first === index) return [];
    const path = ['controls', index, 'id'];
    return [{ line: lines.lineOf(path), field: fieldPath(path), message: `"${control.id}" is already the id of controls[${first}]` }];
  });
}

function unknownScenarios(controls: readonly Control[], lines: YamlLines, known: readonly string[] | undefined): ControlsProblem[] {
  if (known === undefined) return [];
  return controls.flatMap((control, index) =>
    control.scenarios.flatMap((id, at) => {
      if (known.includes(id)) return [];
      const path = ['controls', index, 'scenarios', at];
      return [
        { line: lines.lineOf(path), field: fieldPath(path), message: `unknown scenario "${id}"; known scenarios: ${known.join(', ')}` },
      ];
    }),
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/:$/, '');
}
