import { describe, expect, it } from 'vitest';
import { diffRunbooks, isUnchanged } from '../../src/runbook/diff.ts';
import { parseRunbook } from '../../src/runbook/parse.ts';

const fence = '```';
const runbook = (...parts: string[]) => parseRunbook(`# Runbook\n\n**Version**: 1.0.0\n\n${parts.join('\n')}`, 'RUNBOOK.md');
const block = (attributes: string, code: string) => `${fence}bash {${attributes}}\n${code}\n${fence}\n`;

const redis = (restart = 'redis-server "$REDIS_CONF"', check = block('id=redis.check', 'redis-cli ping'), intro = 'Ping it.') =>
  [
    '## Redis outage',
    '',
    'Restart it.',
    '',
    block('id=redis.restart', restart),
    block('id=redis.restart runtime=docker', 'docker start "$REDIS_CONTAINER"'),
    '### Check',
    intro,
    '',
    check,
  ].join('\n');
const old = ['## Old section', '', block('id=old.step', 'true')].join('\n');

describe('diffRunbooks', () => {
  it('finds nothing between a runbook and itself', () => {
    const diff = diffRunbooks(runbook(redis(), old), runbook(redis(), old));
    expect(diff).toEqual({ addedSteps: [], removedSteps: [], changedSteps: [], changedSections: [] });
    expect(isUnchanged(diff)).toBe(true);
  });

  it('names added, removed and changed steps by id, sorted, and the sections whose own text changed', () => {
    const database = ['## Database', '', block('id=db.check', 'pg_isready')].join('\n');
    const diff = diffRunbooks(
      runbook(redis(), old),
      runbook(redis('redis-server "$REDIS_CONF" --port "$REDIS_PORT"', block('id=redis.check timeout=5s', 'redis-cli ping')), database),
    );
    expect(diff).toEqual({
      addedSteps: ['db.check'],
      removedSteps: ['old.step'],
      changedSteps: ['redis.check', 'redis.restart'],
      changedSections: ['redis-outage', 'check', 'old-section', 'database'],
    });
    expect(isUnchanged(diff)).toBe(false);
  });

  it("a subsection's change is not its parent's: a section's own text runs from its heading to the next one", () => {
    const diff = diffRunbooks(runbook(redis()), runbook(redis(undefined, block('id=redis.check', 'redis-cli -p "$REDIS_PORT" ping'))));
    expect(diff.changedSteps).toEqual(['redis.check']);
    expect(diff.changedSections).toEqual(['check']);
    // The line right under the heading is the section's own.
    expect(diffRunbooks(runbook(redis()), runbook(redis(undefined, undefined, 'Ping it twice.'))).changedSections).toEqual(['check']);
  });

  it('tells runtime variants apart: a new variant is an added step, a changed one a changed step', () => {
    const local = (code: string) => ['## Redis outage', '', block('id=redis.restart', code)].join('\n');
    const withDocker = (code: string) => [local('redis-server'), block('id=redis.restart runtime=docker', code)].join('\n');
    expect(diffRunbooks(runbook(local('redis-server')), runbook(withDocker('docker start r')))).toMatchObject({
      addedSteps: ['redis.restart'],
      changedSteps: [],
    });
    expect(diffRunbooks(runbook(withDocker('docker start r')), runbook(withDocker('docker restart r')))).toMatchObject({
      addedSteps: [],
      removedSteps: [],
      changedSteps: ['redis.restart'],
    });
  });

  it('counts a changed title, timeout or expectation as a changed step', () => {
    const base = runbook(block('id=a.step', 'true'));
    for (const attributes of ['title="Check it"', 'timeout=5s', 'expect-exit=1', 'expect-output=ok']) {
      expect(diffRunbooks(base, runbook(block(`id=a.step ${attributes}`, 'true'))).changedSteps, attributes).toEqual(['a.step']);
    }
    const expecting = runbook(block('id=a.step expect-output=ok', 'true'));
    expect(diffRunbooks(expecting, runbook(block('id=a.step expect-output=ok expect-exit=0', 'true'))).changedSteps).toEqual(['a.step']);
    expect(diffRunbooks(expecting, runbook(block('id=a.step expect-output=fine', 'true'))).changedSteps).toEqual(['a.step']);
  });

  it('against no base (a new runbook), every step is added and every section changed', () => {
    expect(diffRunbooks(undefined, runbook(old))).toEqual({
      addedSteps: ['old.step'],
      removedSteps: [],
      changedSteps: [],
      changedSections: ['runbook', 'old-section'],
    });
  });

  it('is unchanged only when all four lists are empty', () => {
    const none = { addedSteps: [], removedSteps: [], changedSteps: [], changedSections: [] };
    expect(isUnchanged(none)).toBe(true);
    for (const key of Object.keys(none)) expect(isUnchanged({ ...none, [key]: ['x'] }), key).toBe(false);
  });
});
