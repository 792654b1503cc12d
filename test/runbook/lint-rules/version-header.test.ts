import { describe, expect, it } from 'vitest';
import { readHeader } from '../../../src/runbook/header.ts';
import { findings } from './findings.ts';

const header = (...lines: string[]) => readHeader(['# R', '', ...lines]);

describe('the version header', () => {
  it('takes a Commit label for the commit', () => {
    expect(header('**Version**: 1.2.0 · **Commit**: 917321d')).toEqual({ version: '1.2.0', commit: '917321d', headerLine: 3 });
    expect(findings('version-header', '# R\n\n**Version**: 1.2.0 · **Commit**: `917321d`\n')).toEqual([]);
  });

  it('reads a header written as a table, across or down', () => {
    expect(header('| Version | Matches commit |', '| --- | --- |', '| 1.2.0 | `917321d` |', '', 'Prose.')).toEqual({
      version: '1.2.0',
      commit: '917321d',
      headerLine: 3,
    });
    expect(header('| **Version** | 1.2.0 |', '| --- | --- |', '| **Commit** | 917321d |')).toMatchObject({
      version: '1.2.0',
      commit: '917321d',
    });
    expect(findings('version-header', '# R\n\n| Version | Matches commit |\n| --- | --- |\n| 1.1.0 | 917321d |\n')).toEqual([]);
  });

  it('does not take a version mentioned in a sentence, in a table of tools, or after the first section', () => {
    expect(header('Checked against PM2 version: 7.0.4 and Redis 7.2.', '**Matches commit**: 917321d').version).toBeNull();
    expect(header('| tool | version |', '| --- | --- |', '| PM2 | 7.0.4 |', '| Redis | 7.2.4 |').version).toBeNull();
    expect(header('**Matches commit**: 917321d', '', '## Deploy', '', '**Version**: 2.0.0').version).toBeNull();
    expect(findings('version-header', '# R\n\n**Matches commit**: 917321d\n\nRun under PM2 (PM2 version: 7.0.4).\n')).toEqual([
      expect.stringMatching(/^3 no version in the header/),
    ]);
  });
});
