import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PortClaims } from '../../src/host/port-claims.ts';
import { currentOwner, processStartTicks } from '../../src/host/process-owner.ts';
import { testTempDir } from '../support/temp-dirs.ts';

const exitedOwner = async () => {
  const child = spawn(process.execPath, ['-e', '0']);
  const owner = `${child.pid}:1`;
  await once(child, 'exit');
  return owner;
};

describe('PortClaims', () => {
  it('a port claimed by another living process is refused; one it claims is then refused to others', async () => {
    const dir = await testTempDir('port-claims');
    const parent = `${process.ppid}:${processStartTicks(process.ppid)}`;
    writeFileSync(join(dir, `15000@${parent}`), '');
    const claims = new PortClaims(dir);
    expect(claims.claim(15_000)).toBe(false);
    expect(readdirSync(dir)).toEqual([`15000@${parent}`]);
    expect(claims.claim(15_001)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([`15000@${parent}`, `15001@${currentOwner()}`]);
  });

  it("a gone process's claims hold no port, and are removed at the first claim", async () => {
    const dir = await testTempDir('port-claims');
    const gone = await exitedOwner();
    writeFileSync(join(dir, `15000@${gone}`), '');
    writeFileSync(join(dir, `16000@${gone}`), '');
    expect(new PortClaims(dir).claim(15_000)).toBe(true);
    expect(readdirSync(dir)).toEqual([`15000@${currentOwner()}`]);
  });

  // Three processes drawing 400 ports each from the same 22,000 or so: without the claims, some 20 ports would be
  // handed out twice (each process checks that a port is free, and none binds what it drew).
  it('processes drawing at once never hand out the same port; each removes its claims as it exits', async () => {
    const dir = await testTempDir('port-claims');
    const draw = `
      const { freePort } = await import(${JSON.stringify(new URL('../../src/host/ports.ts', import.meta.url).pathname)});
      const ports = [];
      for (let i = 0; i < 400; i++) ports.push(await freePort());
      process.stdout.write(JSON.stringify(ports));
      process.stdin.resume();
      process.stdin.once('end', () => process.exit(0));`;
    const children = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', draw], {
        env: { ...process.env, TMPDIR: dir },
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const drawn = await Promise.all(
      children.map(
        (child) =>
          new Promise<number[]>((resolve) => {
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
              out += chunk.toString();
              if (out.endsWith(']')) resolve(JSON.parse(out));
            });
          }),
      ),
    );
    const all = drawn.flat();
    expect(all).toHaveLength(1200);
    expect(new Set(all).size).toBe(1200);
    for (const child of children) child.stdin.end();
    await Promise.all(children.map((child) => once(child, 'exit')));
    expect(readdirSync(join(dir, 'firedrill', 'ports'))).toEqual([]);
  });
});
