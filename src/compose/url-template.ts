/**
 * A URL naming another service, as a link variable's template: its host and
 * port become `{host}:{port}` (the fault proxy's address); to PostgreSQL, its
 * user and password become `{user}` and `{password}` and its database
 * `{database}` (firedrill makes each environment's own). Credentials to
 * Redis are left out (firedrill's has no password, and a client that sends
 * one is refused), and said so; to another service they stay as written.
 *
 *   postgres://app:secret@db:5432/orders?sslmode=disable → postgres://{user}:{password}@{host}:{port}/{database}?sslmode=disable
 */
import type { DependencyTarget } from './dependency-target.ts';

export interface UrlTemplate {
  readonly text: string;
  /** What was left out, to report (never the password itself). */
  readonly dropped?: string;
}

const parts = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^:@/]*)(?::([^@/]*))?@)?[^:/?#]+(?::\d+)?(\/[^?#]*)?(.*)$/i;

export function urlTemplate(url: string, target: DependencyTarget): UrlTemplate {
  const [, scheme, user, password, path, rest] = parts.exec(url)!;
  const address = '{host}:{port}';
  if (target.datastore === 'postgres') {
    const credentials = user === undefined ? '' : `{user}${password === undefined ? '' : ':{password}'}@`;
    // Past the database name, a path has nothing for libpq; keep it as written all the same.
    const more = path?.replace(/^\/[^/]*/, '') ?? '';
    return { text: `${scheme}${credentials}${address}/{database}${more}${rest}` };
  }
  const kept = user === undefined || target.datastore === 'redis' ? '' : `${user}${password === undefined ? '' : `:${password}`}@`;
  const text = `${scheme}${kept}${address}${path ?? ''}${rest}`;
  return user !== undefined && kept === ''
    ? { text, dropped: "its credentials are left out: firedrill's Redis has no password" }
    : { text };
}
