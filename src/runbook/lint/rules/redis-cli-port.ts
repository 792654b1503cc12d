import { allCodeLines } from '../code-lines.ts';
import { defineRule } from '../rule.ts';

/** The arguments of each redis-cli call on a line, up to the end of its command (pipe, `;`, `&&`, `)`). */
function redisCliCalls(text: string): string[] {
  return [...text.matchAll(/\bredis-cli\b([^|;&)]*)/g)].map((match) => match[1] ?? '');
}

export const redisCliPort = defineRule({
  id: 'redis-cli-port',
  description: 'Every redis-cli names its port (-p) or URI (-u): the default 6379 may be another Redis',
  severity: 'error',
  check(runbook) {
    return allCodeLines(runbook)
      .filter(({ text }) => redisCliCalls(text).some((args) => !/(^|\s)-[pu](\s|"|'|\$|\d|$)/.test(args)))
      .map(({ line }) => ({
        ruleId: this.id,
        line,
        message: 'redis-cli without -p: name the port (`redis-cli -p "$REDIS_PORT" …`), the default 6379 may be another Redis',
      }));
  },
});
