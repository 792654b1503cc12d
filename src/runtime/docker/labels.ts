/**
 * Labels on every container firedrill starts: how teardown and the reaper
 * find them — by label, never by name or image.
 *
 *   firedrill=1                   any firedrill container
 *   firedrill.env=<env id>        the environment it belongs to
 *   firedrill.owner=<pid>:<ticks> the harness process that owns it (see owner.ts)
 *   firedrill.role=<name>         what it runs (postgres, redis, order-gateway, …)
 */
export const firedrillLabel = 'firedrill';
export const envLabel = 'firedrill.env';
export const ownerLabel = 'firedrill.owner';
export const roleLabel = 'firedrill.role';

export function containerLabels(envId: string, role: string, owner: string): Record<string, string> {
  return { [firedrillLabel]: '1', [envLabel]: envId, [ownerLabel]: owner, [roleLabel]: role };
}
