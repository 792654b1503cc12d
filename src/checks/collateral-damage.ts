/**
 * Collateral damage of one runbook step: what it changed that it does not
 * declare (its `touches`). Before the step the harness notes every service's
 * main process and PostgreSQL's client sessions; after it, once what the step
 * set in motion has settled, it looks again:
 *
 *   a service the step does not name whose process is gone, or another one   → restarted or stopped by the step
 *   a session it may not end that is gone, while the server counts more      → ended by the step
 *     sessions killed (pg_terminate_backend) than the declared ones that went
 *
 * A pool closing an idle connection on its own is no operator's kill: sessions
 * that went count only as far as pg_stat_database.sessions_killed rose beyond
 * the declared sessions that went. A step that may restart PostgreSQL may end
 * every session.
 */
import type { Clock } from '../clock/clock.ts';
import type { Observation } from '../probes/probe.ts';
import { type PostgresSession, type PostgresSessions, postgresSessions } from '../probes/postgres-sessions.ts';
import type { Environment, ServiceName } from '../runtime/runtime.ts';
import type { StepTouches } from '../scenario/scenario.ts';

export interface Bystanders {
  readonly pids: ReadonlyMap<ServiceName, number | undefined>;
  /** PostgreSQL's sessions, or why they could not be read. */
  readonly postgres: PostgresSessions | { readonly error: string };
}

/** After a step: how long what it set in motion (a terminated backend exiting, a restart) may take to settle, and how often to look. */
export interface SettleOptions {
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly settleMs?: number;
  readonly intervalMs?: number;
  /** How to look at the bystanders: noteBystanders unless given (a unit test scripts the looks). */
  readonly look?: (env: Environment) => Promise<Bystanders>;
}

export async function noteBystanders(env: Environment): Promise<Bystanders> {
  const [pids, postgres] = await Promise.all([
    Promise.all(env.topology.componentNames.map(async (name) => [name, await env.service(name).pid()] as const)),
    postgresSessions(env).catch((error: unknown) => ({ error: (error as Error).message })),
  ]);
  return { pids: new Map(pids), postgres };
}

/**
 * After the step: looks until two looks in a row agree on what became of the
 * bystanders noted before (a backend told to terminate takes a moment to go;
 * sessions that opened since do not matter), or `settleMs` passes.
 */
export async function bystandersSettled(env: Environment, before: Bystanders, options: SettleOptions): Promise<Bystanders> {
  const deadline = options.clock.now() + (options.settleMs ?? 2_000);
  const look = options.look ?? noteBystanders;
  let last = await look(env);
  for (;;) {
    await options.clock.sleep(options.intervalMs ?? 100, options.signal);
    const next = await look(env);
    if (fate(before, next) === fate(before, last) || options.clock.now() >= deadline) return next;
    last = next;
  }
}

/** The check: ok when the step changed nothing it does not declare; otherwise a sentence naming the step and everything it hit. */
export function collateralDamage(stepId: string, touches: StepTouches | undefined, before: Bystanders, after: Bystanders): Observation {
  const services = new Set(touches?.services ?? []);
  const sessionsMayGo = new Set(touches?.postgresSessions ?? []);
  const restarted = servicesHit(before, after, services);
  const sessions = services.has('postgres')
    ? { hit: [], detail: 'PostgreSQL may be restarted: its sessions with it' }
    : sessionsHit(before, after, sessionsMayGo);
  const hits = [
    ...(restarted.length > 0 ? [`restarted or stopped ${restarted.join(', ')}`] : []),
    ...(sessions.hit.length > 0 ? [`ended ${describeSessions(sessions.hit)}`] : []),
    ...('unreadable' in sessions ? [sessions.unreadable] : []),
  ];
  if (hits.length > 0) {
    return { ok: false, detail: `runbook step "${stepId}" touched what it does not declare (${declared(touches)}): ${hits.join('; ')}` };
  }
  return { ok: true, detail: `runbook step "${stepId}" touched only what it declares (${declared(touches)}): ${sessions.detail}` };
}

function servicesHit(before: Bystanders, after: Bystanders, mayTouch: ReadonlySet<ServiceName>): string[] {
  return [...before.pids].flatMap(([name, pid]) => {
    const now = after.pids.get(name);
    if (pid === undefined || mayTouch.has(name) || now === pid) return [];
    return [now === undefined ? `${name} (pid ${pid}, not running since)` : `${name} (pid ${pid} → ${now})`];
  });
}

interface SessionsHit {
  readonly hit: readonly PostgresSession[];
  readonly detail: string;
  readonly unreadable?: string;
}

function sessionsHit(before: Bystanders, after: Bystanders, mayEnd: ReadonlySet<string>): SessionsHit {
  if ('error' in before.postgres)
    return { hit: [], detail: `PostgreSQL's sessions not compared: unreadable before the step (${before.postgres.error})` };
  if ('error' in after.postgres) {
    const unreadable = `PostgreSQL's sessions could not be read after the step (${after.postgres.error}), so what it ended is unknown`;
    return { hit: [], detail: unreadable, unreadable };
  }
  const alive = new Set(after.postgres.sessions.map(identity));
  const gone = before.postgres.sessions.filter((s) => !alive.has(identity(s)));
  const goneDeclared = gone.filter((s) => mayEnd.has(s.application));
  const goneOthers = gone.filter((s) => !mayEnd.has(s.application));
  const killedBeyondDeclared = after.postgres.killed - before.postgres.killed - goneDeclared.length;
  const others = before.postgres.sessions.length - before.postgres.sessions.filter((s) => mayEnd.has(s.application)).length;
  const ended = goneDeclared.length > 0 ? `it ended ${describeSessions(goneDeclared)}; ` : '';
  const rest =
    goneOthers.length === 0
      ? `the ${others} other PostgreSQL session(s) all still there`
      : `${goneOthers.length} of the ${others} other PostgreSQL session(s) closed, none ended by an operator`;
  if (killedBeyondDeclared <= 0 || goneOthers.length === 0) return { hit: [], detail: `${ended}${rest}` };
  return { hit: goneOthers, detail: `${ended}${rest}` };
}

/** `order-gateway (ats) ×10: pids 101, 102, …`, by application and role. */
function describeSessions(sessions: readonly PostgresSession[]): string {
  const groups = new Map<string, number[]>();
  for (const s of sessions) groups.set(`${s.application} (${s.user})`, [...(groups.get(`${s.application} (${s.user})`) ?? []), s.pid]);
  const parts = [...groups].map(([who, pids]) => `${who} ×${pids.length}: pid${pids.length > 1 ? 's' : ''} ${listed(pids)}`);
  return `${sessions.length} PostgreSQL session(s): ${parts.join(', ')}`;
}

function listed(pids: readonly number[], max = 10): string {
  return pids.length > max ? `${pids.slice(0, max).join(', ')}, … (${pids.length - max} more)` : pids.join(', ');
}

function declared(touches: StepTouches | undefined): string {
  const services = touches?.services ?? [];
  const sessions = touches?.postgresSessions ?? [];
  const parts = [
    ...(services.length > 0 ? [`services ${services.join(', ')}`] : []),
    ...(sessions.length > 0 ? [`PostgreSQL sessions of ${sessions.join(', ')}`] : []),
  ];
  return parts.length > 0 ? `it may touch ${parts.join(' and ')}` : 'it may touch nothing';
}

function identity(session: PostgresSession): string {
  return `${session.pid}@${session.started}`;
}

/** What became of the bystanders noted before: every service's pid now, the kill count, which of the sessions are still there. */
function fate(before: Bystanders, now: Bystanders): string {
  const pids = [...now.pids].map(([name, pid]) => `${name}=${pid}`).join(',');
  if ('error' in now.postgres || 'error' in before.postgres) return `${pids} ${'error' in now.postgres ? 'unreadable' : 'readable'}`;
  const alive = new Set(now.postgres.sessions.map(identity));
  return `${pids} ${now.postgres.killed} ${before.postgres.sessions.filter((s) => alive.has(identity(s))).length}`;
}
