import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/repo-root.ts';
import { seedHistory } from '../support/seeded-history.ts';

// The `firedrill` command is bin/firedrill.mjs: it turns Node's compile cache on before any TypeScript is loaded,
// so that once warm a command loads neither Node's type stripper (amaro) nor what it does not use. Checked here by
// the built-in modules a fresh process has loaded when it exits (process.moduleLoadList), with a cache of its own.
const bin = join(repoRoot, 'bin', 'firedrill.mjs');
const main = join(repoRoot, 'src', 'cli', 'main.ts');
const reportLoaded = `data:text/javascript,process.on('exit', () => process.stderr.write('loaded: ' + process.moduleLoadList.join(',')))`;

let cache: string;
let db: string;
beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'firedrill-bin-cache-'));
  db = join(cache, 'history.sqlite');
  seedHistory(db, [{ id: 'redis-outage', targets: { detectMs: 5000, recoveryMs: 30_000, dataLoss: 0 } }], 20, 0.3);
});
afterAll(() => rm(cache, { recursive: true, force: true }));

/** Debian 12's own Node.js (20), when the machine has one: what `node bin/firedrill.mjs` meets outside npm. */
const systemNodeMajor = await execa('/usr/bin/node', ['-p', 'process.versions.node.split(".")[0]'], { reject: false }).then(
  ({ exitCode, stdout }) => (exitCode === 0 ? Number(stdout) : undefined),
  () => undefined,
);
const olderSystemNode = systemNodeMajor !== undefined && systemNodeMajor < 24;
if (!olderSystemNode)
  console.warn(`the test with the system's own older Node.js skipped: /usr/bin/node is ${systemNodeMajor ?? 'absent'}, not older than 24`);

const run = (entry: string, args: string[], nodeArgs: string[] = []) =>
  execa(process.execPath, [...nodeArgs, entry, ...args], { reject: false, env: { NODE_COMPILE_CACHE: cache } });

/** The built-in modules a warm `firedrill <args>` loaded (the first run fills the cache). */
async function loadedWarm(...args: string[]): Promise<string[]> {
  await run(bin, args);
  const { stderr } = await run(bin, args, ['--import', reportLoaded]);
  return stderr.slice(stderr.lastIndexOf('loaded: ') + 'loaded: '.length).split(',');
}

describe('bin/firedrill.mjs', () => {
  it('is the package’s firedrill command', async () => {
    const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin.firedrill).toBe('bin/firedrill.mjs');
  });

  it.each([[['--help']], [['history', '--help']], [['history', '--last']], [['history', '--no-such-flag']], [['no-such-command']]])(
    'answers %j exactly as src/cli/main.ts does',
    async (args) => {
      const [viaBin, viaMain] = await Promise.all([run(bin, args), run(main, args)]);
      expect({ exitCode: viaBin.exitCode, stdout: viaBin.stdout, stderr: viaBin.stderr }).toEqual({
        exitCode: viaMain.exitCode,
        stdout: viaMain.stdout,
        stderr: viaMain.stderr,
      });
    },
  );

  it('loads neither the type stripper nor node:crypto for `history --help` once the cache is warm', async () => {
    const loaded = await loadedWarm('history', '--help');
    expect(loaded).toContain('NativeModule child_process'); // commander's: the list is the real one
    expect(loaded).not.toContain('NativeModule internal/deps/amaro/dist/index');
    expect(loaded).not.toContain('NativeModule crypto');
  });

  it('reads the history without node:crypto (finding keys are made only when runs are appended)', async () => {
    const loaded = await loadedWarm('history', '--db', db);
    expect(loaded).toContain('NativeModule sqlite');
    expect(loaded).not.toContain('NativeModule internal/deps/amaro/dist/index');
    expect(loaded).not.toContain('NativeModule crypto');
  });

  it('refuses a Node.js older than 24, saying which it is and how to run the one npm installed', async () => {
    const olderNode = `data:text/javascript,Object.defineProperty(process.versions, 'node', { value: '20.20.2' })`;
    const { exitCode, stdout, stderr } = await execa(process.execPath, ['--import', olderNode, bin, '--help'], { reject: false });
    expect({ exitCode, stdout }).toEqual({ exitCode: 2, stdout: '' });
    expect(stderr).toContain(`firedrill: needs Node.js 24 or later; this is v20.20.2 (${process.execPath})`);
    expect(stderr).toContain('npx firedrill <command>');
  });

  it.runIf(olderSystemNode)(
    `refuses the system's own older Node.js (/usr/bin/node ${systemNodeMajor ?? 'absent'}) with that message, not a SyntaxError`,
    async () => {
      const { exitCode, stderr } = await execa('/usr/bin/node', [bin, '--help'], { reject: false });
      expect(exitCode).toBe(2);
      expect(stderr).toMatch(/^firedrill: needs Node\.js 24 or later; this is v\d+\./);
    },
  );

  it('is seen loading the type stripper with the compile cache off (what the checks above must be able to see)', async () => {
    const { stderr } = await execa(process.execPath, ['--import', reportLoaded, bin, 'history', '--help'], {
      reject: false,
      env: { NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    expect(stderr).toContain('NativeModule internal/deps/amaro/dist/index');
  });
});
