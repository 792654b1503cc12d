import { describe, expect, it } from 'vitest';
import { type Bystanders, collateralDamage } from '../../src/checks/collateral-damage.ts';
import type { PostgresSession } from '../../src/probes/postgres-sessions.ts';
import type { ServiceName } from '../../src/runtime/runtime.ts';

const pids = (changes: Partial<Record<ServiceName, number | undefined>> = {}) =>
  new Map<ServiceName, number | undefined>(
    Object.entries({ postgres: 10, redis: 11, exchange: 12, 'order-gateway': 13, 'log-shipper': 14, ...changes }) as [
      ServiceName,
      number | undefined,
    ][],
  );
const session = (pid: number, application: string): PostgresSession => ({
  pid,
  user: 'ats',
  application,
  state: 'active',
  started: `2026-12-01 10:00:0${pid % 10}+00`,
});
const gateway = [session(101, 'order-gateway'), session(102, 'order-gateway')];
const stuck = [session(201, 'firedrill-stuck-client'), session(202, 'firedrill-stuck-client')];
const before: Bystanders = { pids: pids(), postgres: { sessions: [...gateway, session(301, 'risk'), ...stuck], killed: 5 } };

describe('collateralDamage', () => {
  it('passes a step that ended only the sessions it declares, saying what it ended', () => {
    const after: Bystanders = { pids: pids(), postgres: { sessions: [...gateway, session(301, 'risk')], killed: 7 } };
    const seen = collateralDamage('db.terminate-stuck', { postgresSessions: ['firedrill-stuck-client'] }, before, after);
    expect(seen).toEqual({
      ok: true,
      detail:
        'runbook step "db.terminate-stuck" touched only what it declares (it may touch PostgreSQL sessions of firedrill-stuck-client): ' +
        'it ended 2 PostgreSQL session(s): firedrill-stuck-client (ats) ×2: pids 201, 202; the 3 other PostgreSQL session(s) all still there',
    });
  });

  it('fails a step that also killed the gateway pool, naming the sessions it ended', () => {
    const after: Bystanders = { pids: pids(), postgres: { sessions: [session(301, 'risk'), session(103, 'order-gateway')], killed: 9 } };
    const seen = collateralDamage('db.terminate-stuck', { postgresSessions: ['firedrill-stuck-client'] }, before, after);
    expect(seen.ok).toBe(false);
    expect(seen.detail).toBe(
      'runbook step "db.terminate-stuck" touched what it does not declare (it may touch PostgreSQL sessions of firedrill-stuck-client): ' +
        'ended 2 PostgreSQL session(s): order-gateway (ats) ×2: pids 101, 102',
    );
  });

  it('does not blame a step for a pool closing an idle connection: no kill beyond the declared ones', () => {
    const after: Bystanders = { pids: pids(), postgres: { sessions: [gateway[0]!, session(301, 'risk')], killed: 7 } };
    expect(collateralDamage('db.terminate-stuck', { postgresSessions: ['firedrill-stuck-client'] }, before, after)).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/ 1 of the 3 other PostgreSQL session\(s\) closed, none ended by an operator$/),
    });
  });

  it('tells a reused pid from the same session by its start time', () => {
    const reused = { ...gateway[0]!, started: '2026-12-01 10:05:00+00' };
    const after: Bystanders = { pids: pids(), postgres: { sessions: [reused, gateway[1]!, session(301, 'risk'), ...stuck], killed: 6 } };
    expect(collateralDamage('db.pool-status', undefined, before, after).detail).toContain(
      'ended 1 PostgreSQL session(s): order-gateway (ats) ×1: pid 101',
    );
  });

  it('fails a restart of services the step does not name, with their pids before and after', () => {
    const after: Bystanders = { ...before, pids: pids({ exchange: 22, 'order-gateway': 23, 'log-shipper': 24, redis: undefined }) };
    const seen = collateralDamage('logs.restart-shipper', { services: ['log-shipper'] }, before, after);
    expect(seen).toEqual({
      ok: false,
      detail:
        'runbook step "logs.restart-shipper" touched what it does not declare (it may touch services log-shipper): ' +
        'restarted or stopped redis (pid 11, not running since), exchange (pid 12 → 22), order-gateway (pid 13 → 23)',
    });
  });

  it('passes a restart of the service it names, and a service started that was down', () => {
    const down: Bystanders = { ...before, pids: pids({ redis: undefined }) };
    expect(collateralDamage('redis.restart', { services: ['redis'] }, down, { ...before, pids: pids({ redis: 99 }) }).ok).toBe(true);
    expect(collateralDamage('x.start', undefined, down, { ...before, pids: pids({ redis: 99 }) }).ok).toBe(true);
  });

  it('lets a step that may restart PostgreSQL end its sessions', () => {
    const after: Bystanders = { pids: pids({ postgres: 40 }), postgres: { sessions: [], killed: 5 + 5 } };
    expect(collateralDamage('db.restart', { services: ['postgres'] }, before, after)).toEqual({
      ok: true,
      detail:
        'runbook step "db.restart" touched only what it declares (it may touch services postgres): PostgreSQL may be restarted: its sessions with it',
    });
  });

  it('names everything a step declares and everything it hit beyond that, each application on its own', () => {
    const touches = { services: ['redis', 'log-shipper'] as ServiceName[], postgresSessions: ['firedrill-stuck-client', 'risk'] };
    const after: Bystanders = { pids: pids({ exchange: 22 }), postgres: { sessions: [], killed: 10 } };
    expect(collateralDamage('ops.cleanup', touches, before, after)).toEqual({
      ok: false,
      detail:
        'runbook step "ops.cleanup" touched what it does not declare ' +
        '(it may touch services redis, log-shipper and PostgreSQL sessions of firedrill-stuck-client, risk): ' +
        'restarted or stopped exchange (pid 12 → 22); ended 2 PostgreSQL session(s): order-gateway (ats) ×2: pids 101, 102',
    });
    const declaredOnly: Bystanders = { pids: pids(), postgres: { sessions: gateway, killed: 8 } };
    expect(collateralDamage('ops.cleanup', touches, before, declaredOnly).detail).toBe(
      'runbook step "ops.cleanup" touched only what it declares ' +
        '(it may touch services redis, log-shipper and PostgreSQL sessions of firedrill-stuck-client, risk): ' +
        'it ended 3 PostgreSQL session(s): risk (ats) ×1: pid 301, firedrill-stuck-client (ats) ×2: pids 201, 202; ' +
        'the 2 other PostgreSQL session(s) all still there',
    );
  });

  it('passes a step that changed nothing, saying all the sessions are still there', () => {
    expect(collateralDamage('db.pool-status', undefined, before, before)).toEqual({
      ok: true,
      detail:
        'runbook step "db.pool-status" touched only what it declares (it may touch nothing): the 5 other PostgreSQL session(s) all still there',
    });
  });

  it('lists up to ten pids of an application, then says how many more', () => {
    const pool = (count: number) => Array.from({ length: count }, (_, i) => session(101 + i, 'order-gateway'));
    const ended = (count: number) => {
      const poolBefore: Bystanders = { pids: pids(), postgres: { sessions: pool(count), killed: 0 } };
      return collateralDamage('db.terminate-stuck', undefined, poolBefore, { pids: pids(), postgres: { sessions: [], killed: count } })
        .detail;
    };
    expect(ended(10)).toMatch(
      /: ended 10 PostgreSQL session\(s\): order-gateway \(ats\) ×10: pids 101, 102, 103, 104, 105, 106, 107, 108, 109, 110$/,
    );
    expect(ended(12)).toMatch(/ ×12: pids 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, … \(2 more\)$/);
  });

  it('fails when the sessions cannot be read after the step, and says why; unreadable before, there was nothing to compare', () => {
    const after: Bystanders = { pids: pids(), postgres: { error: 'connect ECONNREFUSED' } };
    expect(collateralDamage('redis.restart', { services: ['redis'] }, before, after)).toEqual({
      ok: false,
      detail:
        'runbook step "redis.restart" touched what it does not declare (it may touch services redis): ' +
        "PostgreSQL's sessions could not be read after the step (connect ECONNREFUSED), so what it ended is unknown",
    });
    const unreadable: Bystanders = { pids: pids(), postgres: { error: 'connect ECONNREFUSED' } };
    expect(collateralDamage('redis.restart', undefined, unreadable, after)).toMatchObject({ ok: true });
  });
});
