// The standalone proxy's config file: a JSON list of proxies
// [{name, listen, upstream, enabled?}], as Toxiproxy's -config. Every problem
// is reported at once, naming the file and the entry.
import { readFile } from 'node:fs/promises';
import { ApiError } from './errors.ts';
import { parseNewProxy, type ProxyInput } from './proxy-input.ts';

export type ProxyConfig = { ok: true; proxies: ProxyInput[] } | { ok: false; problems: string[] };

export async function loadProxyConfig(path: string, allowNonLoopback: boolean): Promise<ProxyConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, problems: [`${path}: cannot read the proxy config: ${(error as Error).message}`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${path}: malformed JSON: ${(error as Error).message}`] };
  }
  if (!Array.isArray(value)) return { ok: false, problems: [`${path}: expected a JSON list of proxies [{name, listen, upstream}]`] };
  return parseEntries(path, value, allowNonLoopback);
}

function parseEntries(path: string, entries: unknown[], allowNonLoopback: boolean): ProxyConfig {
  const proxies: ProxyInput[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const label = `${path}: entry ${i + 1}${nameOf(entry)}`;
    try {
      const proxy = parseNewProxy(entry, allowNonLoopback);
      if (seen.has(proxy.name)) problems.push(`${label}: the name "${proxy.name}" is used twice`);
      seen.add(proxy.name);
      proxies.push(proxy);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problems.push(`${label}: ${error.message}`);
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, proxies };
}

function nameOf(entry: unknown): string {
  const name = typeof entry === 'object' && entry !== null ? (entry as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? ` ("${name}")` : '';
}
