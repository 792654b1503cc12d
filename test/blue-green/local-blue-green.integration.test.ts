import { once } from 'node:events';
import { access, readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../src/clock/wait-until.ts';
import { freePort } from '../../src/host/ports.ts';
import { currentOwner } from '../../src/host/process-owner.ts';
import { createSandbox, removeSandbox, sandboxRoot } from '../../src/host/sandbox.ts';
import { findTaggedProcesses, isAlive } from '../../src/host/tagged-processes.ts';
import { executeStep } from '../../src/runbook/execute-step.ts';
import { readRunbook } from '../../src/runbook/parse.ts';
import { stepById, toRunbookStep } from '../../src/runbook/step-by-id.ts';
import { localRuntime } from '../../src/runtime/local/local-runtime.ts';
import { startNginx } from '../../src/runtime/local/nginx-server.ts';
import type { BlueGreenHandle, Colour, Environment } from '../../src/runtime/runtime.ts';

// One local blue/green environment for every assertion (provisioning costs ~10 s): the reference gateway as
// order-gateway-blue and -green behind Debian's nginx. Tests run in order; each leaves the state the next expects.
const gateway = 'order-gateway';
const signal = new AbortController().signal;
let env: Environment;
let colours: BlueGreenHandle;
let url: string;

beforeAll(async () => {
  env = await localRuntime.provision(signal, { blueGreen: [gateway] });
  colours = env.blueGreen!(gateway);
  url = env.service(gateway).url!;
}, 60_000);
afterAll(() => env?.[Symbol.asyncDispose]());

/** The colour nginx says served each of `count` requests in a row (or the status when not 200). */
async function servedBy(count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/healthz`);
    await response.body?.cancel();
    seen.push(response.status === 200 ? (response.headers.get('x-colour') ?? 'no X-Colour') : `status ${response.status}`);
  }
  return seen;
}

/** What the colour's process runs with, read from /proc: independent of the code under test. */
async function environOf(pid: number): Promise<Record<string, string>> {
  const text = await readFile(`/proc/${pid}/environ`, 'utf8');
  return Object.fromEntries(
    text
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

const colourPid = async (colour: Colour) => (await env.describe()).services[`${gateway}-${colour}`]?.pid;

describe('a local blue/green environment', () => {
  it('starts with blue live behind nginx and green idle; service(S) is the live colour, reached through nginx', async () => {
    expect(await colours.live()).toBe('blue');
    expect(await servedBy(10)).toEqual(Array(10).fill('blue'));
    const info = await env.describe();
    expect(info.services[`${gateway}-green`]).toMatchObject({ pid: undefined });
    expect(info.services.nginx).toMatchObject({ pid: expect.any(Number), version: expect.stringMatching(/nginx\/1\.\d+/) });
    expect(await env.service(gateway).pid()).toBe(info.services[`${gateway}-blue`]!.pid);
    const variables = env.variables();
    expect(variables.ATS_URL).toBe(url);
    expect(variables.ATS_BLUE_URL).toBe(colours.colourUrl('blue'));
    expect(variables.ATS_GREEN_URL).toBe(colours.colourUrl('green'));
    expect(variables.NGINX_CONF).toBe(join(info.dir, 'nginx', 'nginx.conf'));
    expect(variables.NGINX_UPSTREAMS).toBe(join(info.dir, 'nginx', 'upstreams', gateway));
  });

  it('deploys a named build to the idle colour with its env; blue keeps the current build', async () => {
    expect(await colours.deploy({ build: 'rejects-orders' }, signal)).toBe('green');
    const green = await environOf((await colourPid('green'))!);
    const blue = await environOf((await colourPid('blue'))!);
    expect([green.FIREDRILL_COLOUR, green.GATEWAY_BUILD, green.GATEWAY_PORT]).toEqual([
      'green',
      'rejects-orders',
      new URL(colours.colourUrl('green')).port,
    ]);
    expect([blue.FIREDRILL_COLOUR, blue.GATEWAY_BUILD, blue.GATEWAY_PORT]).toEqual([
      'blue',
      undefined,
      new URL(colours.colourUrl('blue')).port,
    ]);
    await expect(colours.deploy({ build: 'no-such-build' }, signal)).rejects.toThrow(
      'Unknown build "no-such-build" of order-gateway; known builds: rejects-orders, leaks-connections, healthy-but-failing, slow-start',
    );
  });

  it('switchTo moves every request through nginx to the new colour, and service(S) with it', async () => {
    await colours.deploy({ colour: 'green' }, signal); // the current build again: healthy, so /healthz answers 200
    await colours.waitReady('green', 20_000, signal);
    await colours.switchTo('green');
    expect(await colours.live()).toBe('green');
    expect(await servedBy(20)).toEqual(Array(20).fill('green'));
    expect(await env.service(gateway).pid()).toBe(await colourPid('green'));
    const log = await readFile(join((await env.describe()).dir, 'logs', 'nginx.access.log'), 'utf8');
    const last = JSON.parse(log.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ status: 200, colour: 'green', upstream: new URL(colours.colourUrl('green')).host });
  });

  it("the runbook's deploy.rollback, run as written by the step runner, moves traffic back to blue", async () => {
    const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    const step = toRunbookStep(runbook, stepById(runbook, 'deploy.rollback'));
    const variables = env.variables();
    const transcript = await executeStep(step, { variables, secrets: env.secrets(), cwd: variables.FIREDRILL_SANDBOX! });
    expect({ exitCode: transcript.exitCode, stderr: transcript.stderr }).toEqual({ exitCode: 0, stderr: expect.any(String) });
    expect(transcript.stdout).toMatch(/^rolled back to blue: live\.conf -> .*\/blue\.conf, nginx config tested and reloaded$/m);
    expect(await colours.live()).toBe('blue');
    // nginx -s reload only signals the master: the old workers finish what they hold, keep-alive connections
    // included, so answers may alternate a moment (seen in a clean-clone CI run); within 5 s every one is blue.
    await waitUntil(async () => (await servedBy(20)).every((colour) => colour === 'blue'), {
      what: '20 requests in a row served by blue',
      timeoutMs: 5_000,
      intervalMs: 20,
    });
  });

  it('deploy.rollback fails, saying the rollback is not done, when nginx refuses the config', async () => {
    const runbook = await readRunbook('fixtures/runbook/RUNBOOK.md');
    const step = toRunbookStep(runbook, stepById(runbook, 'deploy.rollback'));
    const sandbox = env.variables().FIREDRILL_SANDBOX!;
    const variables = { ...env.variables(), NGINX_CONF: join(sandbox, 'no-such-nginx.conf') };
    const transcript = await executeStep(step, { variables, secrets: env.secrets(), cwd: sandbox });
    expect(transcript.exitCode).toBe(1);
    expect(transcript.stderr).toContain('no-such-nginx.conf');
    expect(transcript.stderr).toContain('rollback NOT done');
    expect(transcript.stdout).not.toContain('rolled back');
  });

  it('stop takes the idle colour out of PM2 (idempotent); waitReady then names the colour and its log', async () => {
    const green = (await colourPid('green'))!;
    await colours.stop('green');
    await colours.stop('green');
    expect(isAlive(green)).toBe(false);
    expect(await colourPid('green')).toBeUndefined();
    await expect(colours.waitReady('green', 300, signal)).rejects.toThrow(
      /order-gateway's green colour \(see logs\/order-gateway-green\.log and \.err\.log in the sandbox\) answering http:\/\/127\.0\.0\.1:\d+\/readyz not reached after 300ms/,
    );
  });

  it('refuses a service that is not blue/green here, naming the ones that are', () => {
    expect(() => env.blueGreen!('exchange')).toThrow(
      /"exchange" does not run blue\/green in this environment; its blue\/green services: order-gateway/,
    );
  });

  it('teardown leaves neither nginx nor a colour running; the reaper of a killed run would find them all', async () => {
    await colours.deploy({}, signal);
    const info = await env.describe();
    const pids = [info.services.nginx!.pid, info.services[`${gateway}-blue`]!.pid, info.services[`${gateway}-green`]!.pid];
    expect(pids.every((pid) => pid !== undefined && isAlive(pid))).toBe(true);
    const nginxWorkers = (await readFile(`/proc/${pids[0]}/task/${pids[0]}/children`, 'utf8')).split(/\s+/).filter(Boolean).map(Number);
    expect(nginxWorkers.length).toBeGreaterThan(0);
    expect(await findTaggedProcesses({ id: info.id, dir: info.dir })).toEqual(expect.arrayContaining([...pids, ...nginxWorkers]));
    await env[Symbol.asyncDispose]();
    expect(pids.filter((pid) => isAlive(pid!))).toEqual([]);
  });
});

describe('when something fails', () => {
  it('nginx that cannot start names the line it wrote about why: a port already taken', { timeout: 20_000 }, async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as AddressInfo).port;
    const sandbox = await createSandbox();
    try {
      const starting = startNginx(sandbox, [{ service: gateway, port, colours: { blue: await freePort(), green: await freePort() } }]);
      await expect(starting).rejects.toThrow(
        new RegExp(
          `^nginx did not start: .*\\[emerg\\] .*bind\\(\\) to 127\\.0\\.0\\.1:${port} failed \\(98: Address already in use\\) \\(exit 1; .*error log .*nginx\\.error\\.log\\)$`,
        ),
      );
    } finally {
      taken.close();
      await removeSandbox(sandbox);
    }
  });

  it('provisioning interrupted once nginx and blue run leaves neither running, nor the sandbox', { timeout: 60_000 }, async () => {
    const before = new Set(await readdir(sandboxRoot).catch(() => [] as string[]));
    const controller = new AbortController();
    const provisioning = localRuntime.provision(controller.signal, { blueGreen: [gateway] });
    const seen = await waitUntil(() => runningHalfway(before), {
      what: 'nginx and order-gateway-blue running',
      timeoutMs: 40_000,
      intervalMs: 10,
    });
    controller.abort();
    const outcome = await provisioning.then(
      async (provisioned) => {
        await provisioned[Symbol.asyncDispose]();
        return 'provisioned before the abort reached it';
      },
      (error: Error) => `failed: ${error.name}`,
    );
    expect(outcome).toBe('failed: AbortError');
    expect([seen.nginx, seen.blue].filter(isAlive)).toEqual([]);
    await expect(access(seen.dir)).rejects.toThrow(/ENOENT/);
  });
});

/** This worker's new sandbox once its nginx and order-gateway-blue both run: their pids from the files they write. */
async function runningHalfway(before: ReadonlySet<string>): Promise<{ dir: string; nginx: number; blue: number } | undefined> {
  const pidIn = async (file: string) => Number((await readFile(file, 'utf8').catch(() => '')).trim()) || undefined;
  for (const entry of await readdir(sandboxRoot)) {
    if (!entry.startsWith('env-') || before.has(entry)) continue;
    const dir = join(sandboxRoot, entry);
    const owner = await readFile(join(dir, 'owner.json'), 'utf8').catch(() => '');
    if (!owner.includes(currentOwner())) continue;
    const pids = await readdir(join(dir, 'pm2', 'pids')).catch(() => [] as string[]);
    const blueFile = pids.find((file) => /^order-gateway-blue-\d+\.pid$/.test(file));
    const [nginx, blue] = await Promise.all([
      pidIn(join(dir, 'nginx', 'nginx.pid')),
      blueFile && pidIn(join(dir, 'pm2', 'pids', blueFile)),
    ]);
    if (nginx && blue && isAlive(nginx) && isAlive(blue)) return { dir, nginx, blue };
  }
  return undefined;
}
