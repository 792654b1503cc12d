import { notApplicableReason } from '../../src/scenario/applicability.ts';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarios } from '../../scenarios/index.ts';
import { bindToRunbook } from '../../src/runbook/bind.ts';
import { parseRunbook, readRunbook } from '../../src/runbook/parse.ts';
import { RunbookError } from '../../src/runbook/runbook-error.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import { largeRunbook, pathologicalRunbooks } from '../support/large-runbooks.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const fixture = 'fixtures/runbook/RUNBOOK.md';

describe('parseRunbook on the fixture runbook', async () => {
  const runbook = await readRunbook(fixture);
  const text = await readFile(fixture, 'utf8');
  const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

  it('reads the version header', () => {
    expect(runbook.version).toBe('1.1.0');
    expect(runbook.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(runbook.headerLine).toBe(lineOf('**Version**'));
  });

  it('holds every step the scenarios name, for every runtime', () => {
    for (const runtime of ['local', 'docker']) {
      // A scenario that does not apply on a runtime is left unbound there (pm2-double-spawn on docker).
      const bound = bindToRunbook(scenarios, runbook, runtime).filter((s) => notApplicableReason(s, runtime) === undefined);
      for (const step of bound.flatMap((s) => s.remediation))
        expect(step.run, `${step.id} on ${runtime}`).toBe(toRunbookStep(runbook, stepById(runbook, step.id, runtime)).run);
    }
  });

  it("picks a step's runtime variant, else the block for every runtime", () => {
    expect(stepById(runbook, 'redis.restart', 'docker').code).toContain('docker start "$REDIS_CONTAINER"');
    expect(stepById(runbook, 'redis.restart', 'local').code).toContain('redis-server "$REDIS_CONF"');
    expect(stepById(runbook, 'rate-gate.reset', 'docker')).toBe(stepById(runbook, 'rate-gate.reset'));
  });

  it('numbers steps and sections by their source lines', () => {
    const step = stepById(runbook, 'redis.restart');
    expect(step.line).toBe(lineOf('```bash {id=redis.restart'));
    expect(runbook.lines[step.endLine - 1]).toBe('```');
    expect(step.section).toBe('redis-outage');
    expect(step.timeoutMs).toBe(20_000);
    const section = runbook.sections.find((s) => s.id === 'redis-outage')!;
    expect(section).toMatchObject({ title: 'Redis outage', level: 2, line: lineOf('## Redis outage'), steps: ['redis.restart'] });
    expect(section.endLine).toBe(lineOf('## Redis latency') - 1);
  });

  it('keeps prose blocks as blocks, not steps', () => {
    const logs = runbook.blocks.find((b) => b.code.includes('pm2 logs order-gateway'))!;
    expect(logs.lang).toBe('bash');
    expect(runbook.steps.some((s) => s.line === logs.line)).toBe(false);
  });

  it('an unknown id lists the known ones', () => {
    expect(() => stepById(runbook, 'redis.reboot')).toThrow(/step "redis.reboot" not found; known ids: .*redis\.restart.*rate-gate\.reset/);
  });
});

const problemOf = (source: string) => {
  try {
    parseRunbook(source, 'draft.md');
  } catch (error) {
    expect(error).toBeInstanceOf(RunbookError);
    return (error as RunbookError).message;
  }
  throw new Error('expected a RunbookError');
};

describe('parseRunbook on hostile input', () => {
  it('an unclosed fence names its line', () => {
    expect(problemOf('# R\n\n```bash {id=a.b}\necho hi\n\n## Next\n')).toBe(
      'draft.md:3: code block opened with ``` is never closed; add a closing ``` line after its last command',
    );
  });

  it('an unclosed fence inside a list item is caught too', () => {
    expect(problemOf('# R\n\n- do this:\n\n  ```bash\n  echo\n\nafter\n')).toMatch(/^draft\.md:5: code block opened with ```/);
  });

  it('a longer closing fence closes, a shorter one does not', () => {
    expect(parseRunbook('# R\n\n````bash {id=a.b}\necho\n`````\n', 'ok.md').steps).toHaveLength(1);
    expect(problemOf('# R\n\n````bash {id=a.b}\necho\n```\n')).toMatch(/draft\.md:3: code block opened with ````/);
  });

  it('a duplicate id names both lines', () => {
    expect(problemOf('# R\n\n```bash {id=a.b}\necho 1\n```\n\n```bash {id=a.b}\necho 2\n```\n')).toBe(
      'draft.md:7: step id "a.b" is used twice, at lines 3 and 7; step ids must be unique (per runtime)',
    );
  });

  it('bad attributes are all reported at once', () => {
    const message = problemOf(
      '# R\n\n```bash {id=A b=1}\necho\n```\n\n```python {id=a.py timeout=soon expect-exit=300}\nx\n```\n\n```bash {id=x\n```\n',
    );
    expect(message).toContain('draft.md:3: step id "A" is not valid');
    expect(message).toContain(
      'draft.md:3: step "A": unknown attribute "b"; known: id, runtime, title, timeout, expect-exit, expect-output, suite',
    );
    expect(message).toContain('draft.md:7: step "a.py" is a "python" block; steps run under bash');
    expect(message).toContain('draft.md:7: step "a.py": timeout "soon" is not a duration like 20s or 2m');
    expect(message).toContain('draft.md:7: step "a.py": expect-exit "300" is not an exit status 0-255');
    expect(message).toContain('draft.md:11: info string "bash {id=x" opens "{" without a closing "}"');
  });

  it('an empty file is an error, not an empty runbook', () => {
    expect(problemOf('')).toMatch(/^draft\.md: is empty; expected a Markdown runbook/);
    expect(problemOf('\n  \n')).toMatch(/is empty/);
  });

  it('binary data (NUL bytes) is refused with the line', () => {
    expect(problemOf('# R\nok\n\u0000\u0001\u0002')).toBe('draft.md:3: contains a NUL byte: this is binary data, not a Markdown runbook');
  });

  it('invalid UTF-8 and a missing file are clear errors naming the file', async () => {
    const { writeFile } = await import('node:fs/promises');
    const dir = await testTempDir('runbook');
    await writeFile(`${dir}/bad.md`, Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
    await expect(readRunbook(`${dir}/bad.md`)).rejects.toThrow(`${dir}/bad.md: is not UTF-8 text (binary data?)`);
    await expect(readRunbook(`${dir}/missing.md`)).rejects.toThrow(`${dir}/missing.md: does not exist`);
  });

  // How long these take is measured by `npm run bench` (bench/runbook-parse.ts), not asserted here;
  // the test's timeout only stops a parser that hangs.
  it('a 10 MB runbook parses correctly', () => {
    const { text, steps } = largeRunbook();
    const runbook = parseRunbook(text, 'big.md');
    expect(runbook.steps).toHaveLength(steps);
    const last = runbook.steps.at(-1)!;
    expect(runbook.lines[last.line - 1]).toBe(`\`\`\`bash {id=${last.id}}`);
  }, 120_000);

  it('10 MB of pathological Markdown ends in a parse or a RunbookError', () => {
    for (const { text } of pathologicalRunbooks()) {
      try {
        parseRunbook(text, 'evil.md');
      } catch (error) {
        expect(error).toBeInstanceOf(RunbookError);
      }
    }
  }, 120_000);
});

describe('step variants per runtime', () => {
  it('allows one block per runtime under the same id, and still refuses two for the same runtime', () => {
    const ok = parseRunbook('# R\n\n```bash {id=a.b}\necho any\n```\n\n```bash {id=a.b runtime=docker}\necho docker\n```\n', 'v.md');
    expect(stepById(ok, 'a.b', 'docker').code).toBe('echo docker\n');
    expect(stepById(ok, 'a.b', 'local').code).toBe('echo any\n');
    expect(ok.sections[0]?.steps).toEqual(['a.b']);
    expect(() =>
      parseRunbook('# R\n\n```bash {id=a.b runtime=docker}\n1\n```\n\n```bash {id=a.b runtime=docker}\n2\n```\n', 'v.md'),
    ).toThrow(/v\.md:7: step id "a\.b" is used twice for runtime docker, at lines 3 and 7/);
    expect(() => parseRunbook('# R\n\n```bash {id=a.b runtime=vmware}\n1\n```\n', 'v.md')).toThrow(
      /runtime "vmware" is not one of local, docker/,
    );
  });

  it('says which variants exist when none serves the runtime', () => {
    const only = parseRunbook('# R\n\n```bash {id=a.b runtime=docker}\n1\n```\n', 'v.md');
    expect(() => stepById(only, 'a.b', 'local')).toThrow(/step "a\.b" has no variant for runtime local; it has: docker \(line 3\)/);
  });
});
