/**
 * The container ports a compose service listens on, from `ports:` (short
 * syntax `[HOST:]CONTAINER[/PROTOCOL]`, with an IP or a range, or long syntax
 * `{ target: 8080 }`) and `expose:` (`"8080"`, `8080`, `"3000-3001"`).
 */
import type { ConfigProblem } from '../config/config-file-error.ts';
import { isMap, kindOf } from './yaml-values.ts';

/** Problems are added to `problems`, named `<field>[i]`. */
export function containerPorts(value: unknown, field: string, problems: ConfigProblem[]): number[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ field, message: `expected a list of ports, like ["8080:8080"]; got ${kindOf(value)}` });
    return [];
  }
  return value.flatMap((entry, index) => {
    const ports = portsOf(entry);
    if (ports === undefined)
      problems.push({
        field: `${field}[${index}]`,
        message: `expected a port like "8080", "8080:80" or { target: 80 }; got ${kindOf(entry)}`,
      });
    return ports ?? [];
  });
}

function portsOf(entry: unknown): number[] | undefined {
  if (typeof entry === 'number') return Number.isInteger(entry) && entry > 0 && entry < 65536 ? [entry] : undefined;
  if (isMap(entry)) return portsOf(entry.target);
  if (typeof entry !== 'string') return undefined;
  // The container side is after the last colon: "127.0.0.1:8080:80/tcp" → "80".
  const container = entry
    .replace(/\/(tcp|udp|sctp)$/, '')
    .split(':')
    .at(-1)!;
  const range = /^(\d+)(?:-(\d+))?$/.exec(container.trim());
  if (!range) return undefined;
  const first = Number(range[1]);
  const last = range[2] === undefined ? first : Number(range[2]);
  if (first < 1 || last > 65535 || last < first) return undefined;
  return Array.from({ length: Math.min(last - first + 1, 100) }, (_, i) => first + i);
}
