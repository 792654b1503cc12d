/**
 * A finding is one reason a scenario failed. The same finding must be
 * recognised across runs although its sentence carries what that run
 * measured (`detected after 12840 ms, target 10000 ms`), a port, a pid or a
 * sandbox path (`/tmp/firedrill/env-m3k2/…`). So its key is taken from the
 * sentence with every token containing a digit replaced by `#`
 * (`detected after # ms, target # ms`), hashed together with the scenario id:
 * the same check failing the same way in the same scenario has one key.
 */

/** The reason with each run of letters, digits, `_` and `.` that holds a digit replaced by `#`. */
export function findingPattern(reason: string): string {
  return reason.replace(/[\w.]*\d[\w.]*/g, '#');
}

/**
 * 16 hex digits of SHA-256 over the scenario id and the reason's pattern. node:crypto is loaded at the first key made,
 * not with this file: reading the history (`firedrill history`, which opens it through the schema's migrations) makes
 * none, and a fresh process pays tens of milliseconds to load it.
 */
export function findingKey(scenarioId: string, reason: string): string {
  return process
    .getBuiltinModule('node:crypto')
    .createHash('sha256')
    .update(`${scenarioId}\n${findingPattern(reason)}`)
    .digest('hex')
    .slice(0, 16);
}
