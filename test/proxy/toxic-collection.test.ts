// A proxy's toxics and the live links they act on, with stand-in links.
import { describe, expect, it } from 'vitest';
import type { Link } from '../../src/proxy/link.ts';
import { nestedDeeperThan } from '../../src/proxy/read-body.ts';
import { parseNewToxic } from '../../src/proxy/toxic-config.ts';
import { ToxicCollection } from '../../src/proxy/toxic-collection.ts';

function link(stream: 'upstream' | 'downstream', log: string[]) {
  return {
    stream,
    addToxic: (t: { name: string }) => log.push(`${stream} add ${t.name}`),
    updateToxic: (t: { name: string }) => log.push(`${stream} update ${t.name}`),
    removeToxic: (t: { name: string }) => log.push(`${stream} remove ${t.name}`),
  } as unknown as Link;
}
const toxic = (name: string, stream: 'upstream' | 'downstream') => parseNewToxic({ name, type: 'latency', stream });

describe('ToxicCollection', () => {
  it('lists upstream toxics first, then downstream, each in the order added', () => {
    const toxics = new ToxicCollection('redis');
    toxics.add(toxic('d1', 'downstream'));
    toxics.add(toxic('u1', 'upstream'));
    toxics.add(toxic('d2', 'downstream'));
    expect(toxics.list().map((t) => [t.name, t.order])).toEqual([
      ['u1', 1],
      ['d1', 0],
      ['d2', 2],
    ]);
  });

  it('acts on the open links of the toxic’s stream, and no longer on a detached one', () => {
    const log: string[] = [];
    const toxics = new ToxicCollection('redis');
    const up = link('upstream', log);
    const down = link('downstream', log);
    toxics.attach(up);
    toxics.attach(down);
    toxics.add(toxic('slow', 'downstream'));
    toxics.update('slow', { attributes: { latency: 5 } });
    toxics.detach(down);
    toxics.remove('slow');
    expect(log).toEqual(['downstream add slow', 'downstream update slow']);
    expect(toxics.list()).toEqual([]);
  });

  it('names the proxy and toxic when one is missing or added twice; clearing an empty collection is fine', () => {
    const toxics = new ToxicCollection('redis');
    toxics.clear();
    toxics.add(toxic('slow', 'downstream'));
    expect(() => toxics.add(toxic('slow', 'upstream'))).toThrow('toxic "slow" already exists on proxy "redis"');
    toxics.clear();
    expect(() => toxics.get('slow')).toThrow('toxic "slow" not found on proxy "redis"');
  });
});

describe('JSON depth before parsing', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('counts depth, not brackets: up to the limit, deeper refused', () => {
    expect(nestedDeeperThan(nested(32), 32)).toBe(false);
    expect(nestedDeeperThan(nested(33), 32)).toBe(true);
    expect(nestedDeeperThan(`[${Array.from({ length: 40 }, () => '{"a":[1]}').join(',')}]`, 32)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestedDeeperThan(`["${'['.repeat(40)}"]`, 32)).toBe(false);
    expect(nestedDeeperThan(`["\\"${'['.repeat(40)}"]`, 32)).toBe(false);
    expect(nestedDeeperThan(`["\\\\"${nested(40)}]`, 32)).toBe(true);
  });
});
