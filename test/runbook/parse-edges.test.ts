import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../src/runbook/header.ts';
import { loadRunbook } from '../../src/runbook/load-runbook.ts';
import { parseRunbook, readRunbook } from '../../src/runbook/parse.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import { runbookIdentity } from '../../src/runbook/runbook-identity.ts';
import { buildSections, sectionAt, slug } from '../../src/runbook/sections.ts';
import { decodeRunbook, maxRunbookBytes, sourceProblem, splitLines } from '../../src/runbook/source-check.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';

const problemsOf = (source: string) => {
  try {
    parseRunbook(source, 'draft.md');
  } catch (error) {
    return (error as RunbookError).problems.map((p) => `${p.line}: ${p.message}`);
  }
  return [];
};

describe('code fences', () => {
  it('a fence opened on the last line is never closed', () => {
    expect(problemsOf('# R\n\n```')).toEqual([
      '3: code block opened with ``` is never closed; add a closing ``` line after its last command',
    ]);
  });

  it('a fence that runs to the end of the file is not closed by a last line that only starts with backticks', () => {
    expect(problemsOf('# R\n\n```bash {id=a.b}\necho\n``x\n')).toEqual([
      expect.stringMatching(/^3: code block opened with ``` is never closed/),
    ]);
  });

  it('closes on a fence line with trailing spaces, on a tilde fence, and inside a block quote', () => {
    expect(problemsOf('# R\n\n```bash {id=a.b}\necho\n```   \n')).toEqual([]);
    expect(parseRunbook('# R\n\n~~~bash {id=a.b}\necho\n~~~\n', 'ok.md').steps.map((s) => s.id)).toEqual(['a.b']);
    expect(problemsOf('# R\n\n> ```bash\n> echo\n> ```\n')).toEqual([]);
  });
});

describe('tables', () => {
  it('keeps each table to its own rows, cells trimmed, with the section and line of each', () => {
    const runbook = parseRunbook(
      '# R\n\n## Alerts\n\n| alert | when |\n| --- | --- |\n|  RedisDown  | redis_up == 0 |\n\n## Contacts\n\n| role | slack |\n| --- | --- |\n| on-call | `@sre` |\n',
      'ok.md',
    );
    expect(runbook.tables).toEqual([
      { section: 'alerts', line: 5, header: ['alert', 'when'], rows: [{ line: 7, cells: ['RedisDown', 'redis_up == 0'] }] },
      { section: 'contacts', line: 11, header: ['role', 'slack'], rows: [{ line: 13, cells: ['on-call', '`@sre`'] }] },
    ]);
  });
});

describe('problems', () => {
  it('lists 20 problems, then says how many more there are', () => {
    const blocks = (n: number) => Array.from({ length: n }, (_, i) => `\`\`\`bash {id=Bad${i}}\necho\n\`\`\`\n`).join('\n');
    const twenty = problemsOf(`# R\n\n${blocks(20)}`);
    expect(twenty).toHaveLength(20);
    expect(twenty.at(-1)).toMatch(/step id "Bad19" is not valid/);
    const many = problemsOf(`# R\n\n${blocks(23)}`);
    expect(many).toHaveLength(21);
    expect(many.at(-1)).toBe('0: … and 3 more problems');
  });

  it('names the file and the line of each problem, one per line; a problem with the whole file has no line', () => {
    const error = new RunbookError('draft.md', [
      { line: 3, message: 'first' },
      { line: 0, message: 'second' },
    ]);
    expect(error.message).toBe('draft.md:3: first\ndraft.md: second');
    expect(error.name).toBe('RunbookError');
  });

  it('a runbook path that cannot be read as a file says why', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-runbook-'));
    try {
      await expect(readRunbook(dir)).rejects.toThrow(new RegExp(`^${dir}: cannot be read: .*EISDIR`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('source checks', () => {
  it('refuses more bytes than a runbook can have, and takes exactly that many', () => {
    expect(decodeRunbook(new Uint8Array(maxRunbookBytes + 1))).toEqual({
      problem: {
        line: 0,
        message: `is ${maxRunbookBytes + 1} bytes; a runbook is at most ${maxRunbookBytes} bytes (is this the right file?)`,
      },
    });
    expect(decodeRunbook(new Uint8Array(maxRunbookBytes).fill(0x61))).toHaveProperty('text');
    expect(sourceProblem('a'.repeat(maxRunbookBytes + 1))).toEqual({
      line: 0,
      message: `is larger than ${maxRunbookBytes} bytes; a runbook is at most that`,
    });
    expect(sourceProblem('a'.repeat(maxRunbookBytes))).toBeUndefined();
  });

  it('names the line of a NUL byte: the first one, before or after newlines', () => {
    expect(sourceProblem('\0# R')?.line).toBe(1);
    expect(sourceProblem('\n\0')?.line).toBe(2);
    expect(sourceProblem('# R\0\n\n')?.line).toBe(1);
  });

  it('splits lines at any line ending, without the empty one after a final newline', () => {
    expect(splitLines('a\r\nb\rc\nd\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
    expect(splitLines('a')).toEqual(['a']);
    expect(splitLines('')).toEqual(['']);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('sections', () => {
  it('slugs titles the way GitHub does', () => {
    expect(slug('Blue/green deployment and rollback')).toBe('bluegreen-deployment-and-rollback');
    expect(slug('  [Redis](http://redis.io) outage  ')).toBe('redis-outage');
    expect(slug('pg_dump - nightly')).toBe('pg_dump---nightly');
    expect(slug('Café 24/7')).toBe('café-247');
    expect(slug('PM2\tRestart')).toBe('pm2-restart');
  });

  it('makes ids unique, calls a title with nothing to slug "section", and ends each before the next heading of its level or higher', () => {
    const sections = buildSections(
      [
        { title: 'Runbook', level: 1, line: 1 },
        { title: 'Redis', level: 2, line: 3 },
        { title: 'Check', level: 3, line: 5 },
        { title: 'Redis', level: 2, line: 8 },
        { title: '!!!', level: 2, line: 10 },
        { title: 'Redis', level: 2, line: 12 },
      ],
      15,
    );
    expect(sections.map((s) => [s.id, s.line, s.endLine])).toEqual([
      ['runbook', 1, 15],
      ['redis', 3, 7],
      ['check', 5, 7],
      ['redis-1', 8, 9],
      ['section', 10, 11],
      ['redis-2', 12, 15],
    ]);
    expect([0, 1, 4, 5, 7, 8, 15].map((line) => sectionAt(sections, line))).toEqual([
      null,
      'runbook',
      'redis',
      'check',
      'check',
      'redis-1',
      'redis-2',
    ]);
  });
});

describe('the version header', () => {
  it('is at the first line holding either field', () => {
    expect(readHeader(['# R', '**Matches commit**: abc123', '**Version**: 1.2.0'])).toEqual({
      version: '1.2.0',
      commit: 'abc123',
      headerLine: 2,
    });
    expect(readHeader(['# R', '**Version**: 1.2.0', '**Matches commit**: abc123'])).toEqual({
      version: '1.2.0',
      commit: 'abc123',
      headerLine: 2,
    });
    expect(readHeader(['# R'])).toEqual({ version: null, commit: null, headerLine: null });
  });
});

describe('steps by id', () => {
  const fence = '```';
  const runbook = parseRunbook(
    [
      '```bash {id=top.step}',
      'echo top',
      '```',
      '# R',
      '',
      '## Redis outage',
      '',
      `${fence}bash {id=redis.restart runtime=docker}`,
      'docker start r',
      fence,
      `${fence}bash {id=redis.restart timeout=5s expect-exit=0}`,
      'redis-server',
      'redis-cli ping',
      fence,
      `${fence}bash {id=redis.flush runtime=local}`,
      'redis-cli flushall',
      fence,
      `${fence}bash {id=redis.flush runtime=docker}`,
      'docker exec r redis-cli flushall',
      fence,
    ].join('\n'),
    'RUNBOOK.md',
  );

  it("picks the runtime's variant, else the block for every runtime, whatever their order", () => {
    expect(stepById(runbook, 'redis.restart', 'docker').code).toBe('docker start r\n');
    expect(stepById(runbook, 'redis.restart', 'local').code).toBe('redis-server\nredis-cli ping\n');
    expect(stepById(runbook, 'redis.restart').code).toBe('redis-server\nredis-cli ping\n');
  });

  it('names the variants a step has when none fits, and the known ids when the id is unknown', () => {
    expect(() => stepById(runbook, 'redis.flush')).toThrow(
      'RUNBOOK.md:15: step "redis.flush" has no variant for runtime (any); it has: local (line 15), docker (line 18)',
    );
    expect(() => stepById(runbook, 'redis.nope', 'local')).toThrow(
      'RUNBOOK.md: step "redis.nope" not found; known ids: top.step, redis.restart, redis.flush',
    );
    expect(() => stepById(parseRunbook('# R\n', 'EMPTY.md'), 'redis.nope')).toThrow(
      'EMPTY.md: step "redis.nope" not found; known ids: (none: no ```bash {id=…} block)',
    );
  });

  it('turns a step into what the executor runs: the code without its last newline, titled by its section, or by its id before any', () => {
    expect(toRunbookStep(runbook, stepById(runbook, 'redis.restart'))).toStrictEqual({
      id: 'redis.restart',
      title: 'Redis outage',
      run: 'redis-server\nredis-cli ping',
      timeoutMs: 5000,
      expect: { exitCode: 0 },
    });
    expect(toRunbookStep(runbook, stepById(runbook, 'top.step'))).toStrictEqual({ id: 'top.step', title: 'top.step', run: 'echo top' });
  });
});

describe('loadRunbook', () => {
  it('fingerprints the shipped runbook: path relative to the working dir, version, commit and SHA-256', async () => {
    const { runbook, identity } = await loadRunbook();
    const bytes = await readFile('fixtures/runbook/RUNBOOK.md');
    expect(identity).toEqual({
      path: 'fixtures/runbook/RUNBOOK.md',
      version: runbook.version,
      commit: runbook.commit,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(runbook.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('says "unknown" for a runbook without a header, and gives a path outside the working dir whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-runbook-'));
    try {
      const path = join(dir, 'RUNBOOK.md');
      await writeFile(path, '# R\n');
      const { identity } = await loadRunbook(path);
      expect(identity).toMatchObject({ path, version: 'unknown', commit: 'unknown' });
      expect((await runbookIdentity(parseRunbook('# R\n', path), resolve(path))).path).toBe(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
