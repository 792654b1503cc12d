import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { alertRulesIdentity } from '../../src/evidence/alert-rules-identity.ts';
import { harnessInfo } from '../../src/evidence/harness-info.ts';
import { repoRoot } from '../../src/repo-root.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('alertRulesIdentity', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('names each rules file of the directory with the SHA-256 of its bytes, absolute outside the working dir', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-'));
    await writeFile(join(dir, 'b.yml'), 'groups: []\n');
    await writeFile(join(dir, 'a.yaml'), 'groups:\n  - name: x\n');
    await writeFile(join(dir, 'README.md'), 'not a rules file');
    expect(await alertRulesIdentity(dir)).toEqual({
      dir,
      files: [
        { path: join(dir, 'a.yaml'), sha256: sha256('groups:\n  - name: x\n') },
        { path: join(dir, 'b.yml'), sha256: sha256('groups: []\n') },
      ],
    });
  });

  it('shows the shipped rules relative to the working dir', async () => {
    dir = await mkdtemp(join(tmpdir(), 'firedrill-rules-')); // nothing to clean up but the afterEach wants one
    const identity = await alertRulesIdentity('fixtures/prometheus');
    expect(identity.dir).toBe('fixtures/prometheus');
    expect(identity.files.length).toBeGreaterThan(0);
    for (const file of identity.files) {
      expect(file.path).toMatch(/^fixtures\/prometheus\/[^/]+\.ya?ml$/);
      expect(file.sha256).toBe(sha256(await readFile(file.path, 'utf8')));
    }
  });
});

describe('harnessInfo', () => {
  it("gives package.json's version and the git commit, marked -dirty when tracked files changed", async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const info = await harnessInfo();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    expect(info).toEqual({ version, commit: `${git('rev-parse', 'HEAD')}${dirty ? '-dirty' : ''}` });
  });

  it('asks git about its own checkout: a clean tree (untracked files aside) is the bare commit, and without git it is unknown', async () => {
    // A stand-in git first on PATH, answering like git: only in the harness's checkout, refusing an empty argument,
    // status in long form unless --porcelain, untracked files (notes.txt) listed unless --untracked-files=no.
    const dir = await mkdtemp(join(tmpdir(), 'firedrill-git-'));
    const saved = { PATH: process.env.PATH, STATUS: process.env.FAKE_GIT_STATUS, REPO: process.env.FAKE_GIT_REPO };
    try {
      await mkdir(join(dir, 'bin'));
      await writeFile(
        join(dir, 'bin', 'git'),
        [
          '#!/bin/sh',
          '[ "$(pwd -P)" = "$FAKE_GIT_REPO" ] || { echo "fatal: not a git repository" >&2; exit 128; }',
          'for arg in "$@"; do [ -n "$arg" ] || { echo "fatal: empty string is not a valid pathspec" >&2; exit 128; }; done',
          'case "$1" in rev-parse) echo 0123abc ;; status)',
          '  case " $* " in *" --porcelain "*) ;; *) echo "On branch main" ;; esac',
          '  printf "%s" "$FAKE_GIT_STATUS"',
          '  case " $* " in *" --untracked-files=no "*) ;; *) echo "?? notes.txt" ;; esac ;;',
          'esac',
        ].join('\n'),
      );
      await chmod(join(dir, 'bin', 'git'), 0o755);
      process.env.FAKE_GIT_REPO = await realpath(repoRoot);
      process.env.PATH = `${join(dir, 'bin')}:${saved.PATH}`;
      process.env.FAKE_GIT_STATUS = '';
      expect((await harnessInfo()).commit).toBe('0123abc');
      process.env.FAKE_GIT_STATUS = ' M src/index.ts';
      expect((await harnessInfo()).commit).toBe('0123abc-dirty');
      process.env.PATH = dir;
      expect((await harnessInfo()).commit).toBe('unknown');
    } finally {
      for (const [name, value] of Object.entries({ PATH: saved.PATH, FAKE_GIT_STATUS: saved.STATUS, FAKE_GIT_REPO: saved.REPO })) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
