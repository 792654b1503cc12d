import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { allOf } from '../../src/probes/all-of.ts';
import { serviceRestartedByStep, serviceStartedWithin } from '../../src/probes/process-age.ts';
import type { Probe, ProbeContext } from '../../src/probes/probe.ts';

const withPid = (pid: number | undefined, stepStartedAtMs?: number) =>
  ({
    env: { service: () => ({ pid: async () => pid }) },
    signal: new AbortController().signal,
    ...(stepStartedAtMs === undefined ? {} : { stepStartedAtMs }),
  }) as unknown as ProbeContext;

const always = (ok: boolean, detail: string): Probe => ({ name: detail, observe: async () => ({ ok, detail }) });

describe('serviceStartedWithin (a restart step postcondition)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('holds for a process started just now, by its start time in /proc', async () => {
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const seen = await serviceStartedWithin('log-shipper', 5_000).observe(withPid(child.pid));
    expect(seen.ok, seen.detail).toBe(true);
    expect(seen.detail).toMatch(new RegExp(`^log-shipper \\(pid ${child.pid}\\) started \\d+ ms ago$`));
  });

  it('fails for a process that kept running (a restart that restarted nothing), saying how old it is', async () => {
    const seen = await serviceStartedWithin('log-shipper', 5_000).observe(withPid(1)); // init: up since boot
    expect(seen.ok).toBe(false);
    expect(Number(/started (\d+) ms ago/.exec(seen.detail)?.[1])).toBeGreaterThan(5_000);
  });

  it('fails when the service is not running, or its pid is gone', async () => {
    expect(await serviceStartedWithin('log-shipper', 5_000).observe(withPid(undefined))).toEqual({
      ok: false,
      detail: 'log-shipper is not running',
    });
    const gone = await serviceStartedWithin('log-shipper', 5_000).observe(withPid(2 ** 22 + 1));
    expect(gone.ok).toBe(false);
    expect(gone.detail).toContain('no start time');
  });
});

describe('serviceRestartedByStep (a restart step postcondition, whatever the step did after)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill();
    child = undefined;
  });

  it('holds for a process started after the step began, however long ago that was', async () => {
    const stepStartedAtMs = Date.now();
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = await serviceRestartedByStep('order-gateway').observe(withPid(child.pid, stepStartedAtMs));
    expect(seen.ok, seen.detail).toBe(true);
    expect(seen.detail).toMatch(new RegExp(`^order-gateway \\(pid ${child.pid}\\) started \\d+ ms after the step began$`));
  });

  it('fails for a process started before the step (a restart that restarted nothing), saying by how much', async () => {
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const seen = await serviceRestartedByStep('order-gateway').observe(withPid(child.pid, Date.now()));
    expect(seen.ok).toBe(false);
    expect(Number(/started (\d+) ms before the step began$/.exec(seen.detail)?.[1])).toBeGreaterThanOrEqual(250);
  });

  it('fails outside a step, and when the service is not running', async () => {
    expect(await serviceRestartedByStep('order-gateway').observe(withPid(1))).toEqual({
      ok: false,
      detail: 'only a step postcondition can tell: no step started',
    });
    expect(await serviceRestartedByStep('order-gateway').observe(withPid(undefined, Date.now()))).toEqual({
      ok: false,
      detail: 'order-gateway is not running',
    });
  });
});

describe('allOf', () => {
  it('holds only when every probe holds, naming and detailing them all', async () => {
    const both = allOf(always(true, 'a'), always(true, 'b'));
    expect(both.name).toBe('a, and b');
    expect(await both.observe(withPid(1))).toEqual({ ok: true, detail: 'a; b' });
    expect(await allOf(always(true, 'a'), always(false, 'b')).observe(withPid(1))).toEqual({ ok: false, detail: 'a; b' });
  });

  it('counts a probe that throws as not holding', async () => {
    const throws: Probe = { name: 't', observe: () => Promise.reject(new Error('boom')) };
    expect(await allOf(always(true, 'a'), throws).observe(withPid(1))).toEqual({ ok: false, detail: 'a; boom' });
  });
});
