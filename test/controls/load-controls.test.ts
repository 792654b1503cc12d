import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.ts';
import { controlsOf } from '../../src/controls/controls.ts';
import { ControlsFileError } from '../../src/controls/controls-file-error.ts';
import { controlsFileFor, referenceControlsFile } from '../../src/controls/controls-for-config.ts';
import { loadControls } from '../../src/controls/load-controls.ts';
import type { LoadedConfig } from '../../src/config/load-config.ts';

const knownScenarios = scenarios.map((s) => s.id);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firedrill-controls-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const control = (id: string, scenarioIds: string) => `  - id: ${id}
    framework: EU DORA
    reference: Art. 12
    title: Backups
    requires: Backups restored and tested.
    scenarios: [${scenarioIds}]
`;

/** Each problem as `line: field: message`, after checking the error names the file on each line. */
async function problemsOf(text: string): Promise<string[]> {
  const file = join(dir, 'controls.yaml');
  await writeFile(file, text);
  const error = await loadControls(file, { knownScenarios }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ControlsFileError)) throw new Error(`expected a ControlsFileError, got ${String(error)}`);
  for (const line of error.message.split('\n').slice(1)) expect(line).toContain(`${file}:`);
  return error.problems.map((p) => `${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`);
}

describe('fixtures/controls.yaml', () => {
  it('loads against the shipped scenarios and lists every control issue 16 names, the uncovered ones with no scenario', async () => {
    const { controls } = await loadControls(referenceControlsFile, { knownScenarios });
    expect(controls.map((c) => c.id)).toEqual([
      'DORA-11',
      'DORA-12',
      'DORA-24',
      'DORA-25',
      'RTS6-10',
      'RTS6-12',
      'RTS6-14',
      'RTS6-15',
      'RTS6-16',
      'SOC2-A1.2',
      'SOC2-A1.3',
      'SOC2-CC7.4',
      'SOC2-CC7.5',
      'SCI-1001-a-2-v',
      'SCI-1004',
    ]);
    for (const c of controls) expect(c.requires.split('\n')).toHaveLength(1);
    expect(controls.find((c) => c.id === 'RTS6-12')!.scenarios).toEqual(['kill-switch']);
    expect(controls.find((c) => c.id === 'RTS6-10')!.scenarios).toEqual(['stress-doubled-flow']);
    expect(controls.find((c) => c.id === 'DORA-12')!.scenarios).toEqual(['dr-restore', 'dr-restore-pitr']);
  });

  it('answers which controls a scenario evidences, in the file order', async () => {
    const controls = await loadControls(referenceControlsFile, { knownScenarios });
    expect(controlsOf(controls, 'dr-restore')).toContain('DORA-12');
    expect(controlsOf(controls, 'market-shock')).toEqual(['DORA-24', 'DORA-25', 'RTS6-16']);
    expect(controlsOf(controls, 'no-such-scenario')).toEqual([]);
  });
});

describe('a controls file with a problem names the file, line and field', () => {
  it('an unknown scenario id, naming it and the known ones', async () => {
    const problems = await problemsOf(`schema: firedrill.controls/v1\ncontrols:\n${control('DORA-12', 'dr-restore, kill-switchh')}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^8: controls\[0\]\.scenarios\[1\]: unknown scenario "kill-switchh"; known scenarios: redis-outage, /);
  });

  it('every shape problem at once: a missing field, an unknown one, a bad id, a wrong schema', async () => {
    const text = `schema: firedrill.controls/v2
controls:
  - id: DORA 11
    framework: EU DORA
    reference: Art. 11
    requires: Plans.
    scenarios: [redis-outage]
    owner: compliance
`;
    expect(await problemsOf(text)).toEqual([
      '1: schema: expected "firedrill.controls/v1"; got "firedrill.controls/v2"',
      '3: controls[0].title: expected a "title" field',
      '8: controls[0].owner: unknown field; known: id, framework, reference, title, requires, scenarios, note',
      '3: controls[0].id: expected to match ^[A-Za-z0-9][A-Za-z0-9.-]*$; got "DORA 11"',
    ]);
  });

  it('a scenario listed twice, and scenarios that are not a list', async () => {
    const text = `schema: firedrill.controls/v1\ncontrols:\n${control('A', 'dr-restore, dr-restore')}${control('B', '').replace('scenarios: []', 'scenarios: dr-restore')}`;
    expect(await problemsOf(text)).toEqual([
      '8: controls[0].scenarios: expected each item once; items 0 and 1 are the same; got ["dr-restore","dr-restore"]',
      '14: controls[1].scenarios: expected a list; got "dr-restore"',
    ]);
  });

  it('two controls with the same id', async () => {
    const text = `schema: firedrill.controls/v1\ncontrols:\n${control('DORA-12', 'dr-restore')}${control('DORA-12', 'dr-restore-pitr')}`;
    expect(await problemsOf(text)).toEqual(['9: controls[1].id: "DORA-12" is already the id of controls[0]']);
  });

  it('YAML that does not parse, at its line', async () => {
    const problems = await problemsOf('schema: firedrill.controls/v1\ncontrols:\n  - id: [unclosed\n');
    expect(problems[0]).toMatch(/^\d: expected YAML; /);
    expect(Number(problems[0]!.split(':')[0])).toBeGreaterThanOrEqual(3);
  });

  it('an empty file, and a file that is not there', async () => {
    expect(await problemsOf('')).toEqual(['0: expected a map; got null']);
    const error = await loadControls(join(dir, 'missing.yaml')).catch((e: unknown) => e);
    expect((error as ControlsFileError).problems).toEqual([
      { line: 0, field: '', message: 'expected a readable controls file; found nothing at this path' },
    ]);
  });
});

describe('which controls file a command uses', () => {
  const config = (fields: { controls?: string; scenarios?: string }) => ({ config: fields }) as unknown as LoadedConfig;
  it('--controls first, then the config’s, then the reference file unless the config has its own scenarios', () => {
    expect(controlsFileFor(config({ controls: '/a.yaml' }), '/b.yaml')).toBe('/b.yaml');
    expect(controlsFileFor(config({ controls: '/a.yaml', scenarios: '/s.ts' }))).toBe('/a.yaml');
    expect(controlsFileFor(config({}))).toBe(referenceControlsFile);
    expect(controlsFileFor(undefined)).toBe(referenceControlsFile);
    expect(controlsFileFor(config({ scenarios: '/s.ts' }))).toBeUndefined();
  });
});
