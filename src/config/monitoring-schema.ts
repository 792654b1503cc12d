/**
 * What watches the system: the Prometheus alert rules every environment loads,
 * and where Alertmanager routes each alert. In a drill every contact is a
 * webhook to firedrill's recorder whose path names it (`/pagerduty/P7X2K9Q`,
 * `/slack/@sre-team`), so a scenario can check who would have been paged.
 */
import { z } from 'zod';
import { configPath } from './datastore-schema.ts';

const contact = z
  .string()
  .regex(
    /^(pagerduty:P[A-Z0-9]{6}|slack:[@#][\w.-]+)$/,
    'expected "pagerduty:<schedule id>" (like "pagerduty:P7X2K9Q") or "slack:<handle>" (like "slack:@sre-team")',
  );

/** Alertmanager's matcher syntax: `severity="page"`, `team=~"sre|ops"`. */
const matcher = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*\s*(=|!=|=~|!~)\s*".*"$/, 'expected a matcher like severity="page"');

export const monitoringSchema = z.strictObject({
  /** A directory of Prometheus rules files (`*.yml`). */
  rulesDir: configPath,
  alertmanager: z.strictObject({
    /** Tried in order; the first whose matchers all hold routes the alert. */
    routes: z.array(z.strictObject({ matchers: z.array(matcher).min(1, 'expected at least one matcher'), contact })).default([]),
    /** Where an alert no route matches goes: nothing is dropped silently. */
    defaultContact: contact,
  }),
});
