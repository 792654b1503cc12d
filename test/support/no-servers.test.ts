import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { localRuntime } from '../../src/index.ts';
import { refusalPrefix, serverRefusal } from './no-servers.ts';

// The unit project's guard must be able to fail: each of these would start a
// server, and each is refused before anything runs.
describe('the unit project refuses to start a server', () => {
  it('names the programs it refuses and lets the rest through', () => {
    expect(serverRefusal('/usr/lib/postgresql/15/bin/pg_ctl', ['start'])).toMatch(/refused to run "pg_ctl"/);
    expect(serverRefusal('redis-server', ['/tmp/r.conf'])).toMatch(/refused to run "redis-server"/);
    expect(serverRefusal(process.execPath, ['fixtures/ats/exchange/main.ts'])).toMatch(/reference service/);
    expect(serverRefusal(process.execPath, ['src/cli/main.ts', 'proxy', '--port', '0'])).toMatch(/fault proxy/);
    expect(serverRefusal(process.execPath, ['src/cli/main.ts', 'lint-runbook'])).toBeUndefined();
    expect(serverRefusal('bash', ['-c', 'echo hi'])).toBeUndefined();
  });

  it('refuses redis-server through execa', async () => {
    await expect(execa('redis-server', ['--port', '0'])).rejects.toThrow(refusalPrefix);
  });

  it('refuses to provision the local runtime', async () => {
    await expect(localRuntime.provision(AbortSignal.timeout(10_000))).rejects.toThrow(refusalPrefix);
  });

  it('refuses a server started by a Node child process (the guard follows NODE_OPTIONS)', async () => {
    const script = "import { execFileSync } from 'node:child_process'; execFileSync('redis-server', ['--version']);";
    const child = await execa(process.execPath, ['--input-type=module', '-e', script], { reject: false });
    expect(child.exitCode).not.toBe(0);
    expect(child.stderr).toContain(refusalPrefix);
  });
});
