/**
 * Judges looks at a program's PM2 processes against the apps an ecosystem
 * declares for it: pure, so its wording and decisions are unit tested.
 */
import type { Pm2Process } from '../host/pm2-processes.ts';
import type { Observation } from './probe.ts';
import { type DeclaredApp, modeName } from './pm2-ecosystem.ts';

/** Holds when every look shows exactly the declared apps' processes, each app with its instance count and mode, and no process came or went. */
export function judgeProcessLooks(
  service: string,
  declared: readonly DeclaredApp[],
  looks: readonly Pm2Process[][],
  windowMs: number,
): Observation {
  const expected = declared.reduce((sum, app) => sum + app.instances, 0);
  const seen = new Map<number, { process: Pm2Process; looks: number }>();
  for (const look of looks) for (const p of look) seen.set(p.pid, { process: p, looks: (seen.get(p.pid)?.looks ?? 0) + 1 });
  const steady = [...seen.values()].every((s) => s.looks === looks.length);
  const asDeclared = looks.every((look) => matches(look, declared));
  const ok = steady && asDeclared && seen.size === expected;
  const processes = [...seen.values()].map(
    (s) =>
      `pid ${s.process.pid} as ${s.process.app} (${modeName(s.process.mode)})${s.looks === looks.length ? '' : `, in ${s.looks} of them`}`,
  );
  const wants = declaredAs(declared);
  return {
    ok,
    detail:
      `${service}: ${seen.size} process${seen.size === 1 ? '' : 'es'} in ${looks.length} looks over ${windowMs} ms` +
      `${processes.length > 0 ? `: ${processes.join('; ')}` : ''}; the ecosystem declares ${wants}` +
      (ok ? '' : `: expected exactly ${expected} process${expected === 1 ? '' : 'es'}, as ${declaredAs(declared)}, the same in every look`),
  };
}

const declaredAs = (declared: readonly DeclaredApp[]) =>
  declared.length === 0 ? 'no app' : declared.map((app) => `${app.name} × ${app.instances} (${app.mode})`).join(', ');

function matches(look: readonly Pm2Process[], declared: readonly DeclaredApp[]): boolean {
  if (look.length !== declared.reduce((sum, app) => sum + app.instances, 0)) return false;
  return declared.every((app) => {
    const running = look.filter((p) => p.app === app.name);
    return running.length === app.instances && running.every((p) => modeName(p.mode) === app.mode);
  });
}
