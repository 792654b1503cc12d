import { describe, expect, it } from 'vitest';
import { describe as describeValue, optionalBoolean, optionalString, requiredString } from '../../src/proxy/json-body.ts';
import { applyToxicUpdate, parseNewToxic, toxicJson } from '../../src/proxy/toxic-config.ts';

describe('values in messages', () => {
  it('shows a value as JSON, or "nothing"', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue(42)).toBe('42');
    expect(describeValue(true)).toBe('true');
    expect(describeValue('x')).toBe('"x"');
    expect(describeValue({ a: 1, b: 'x', c: [1, { d: null }] })).toBe('{"a":1,"b":"x","c":[1,{"d":null}]}');
    expect(describeValue([])).toBe('[]');
    expect(describeValue({})).toBe('{}');
  });

  it('cuts what is longer than 60 characters to 57 and "...", and keeps 60 whole', () => {
    const sixty = 'x'.repeat(58);
    expect(describeValue(sixty)).toBe(`"${sixty}"`);
    expect(describeValue(`${sixty}y`)).toBe(`"${'x'.repeat(56)}...`);
    expect(describeValue(Array.from({ length: 100 }, (_, i) => i))).toBe(
      `[${Array.from({ length: 30 }, (_, i) => i)
        .join(',')
        .slice(0, 56)}...`,
    );
    expect(describeValue({ ['k'.repeat(100)]: 1 })).toBe(`{"${'k'.repeat(55)}...`);
  });

  it('reads a deep or huge body no further than it shows', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(describeValue(deep)).toBe(`${'['.repeat(57)}...`);
  });
});

describe('request fields', () => {
  it('takes null as absent, and names the field and what came for a wrong type', () => {
    expect(optionalString({ name: null }, 'name')).toBeUndefined();
    expect(optionalBoolean({ enabled: null }, 'enabled')).toBeUndefined();
    expect(() => optionalString({ name: 3 }, 'name')).toThrow('bad request body: field "name" must be a string, got 3');
    expect(() => optionalBoolean({ enabled: 'yes' }, 'enabled')).toThrow(
      'bad request body: field "enabled" must be true or false, got "yes"',
    );
    expect(() => requiredString({ name: '' }, 'name', ' of entry 2')).toThrow('missing required field: name of entry 2');
    expect(() => requiredString({}, 'name')).toThrow(/^missing required field: name$/);
  });
});

describe('toxic bodies', () => {
  it('fills in Toxiproxy’s defaults', () => {
    expect(toxicJson(parseNewToxic({ type: 'latency' }))).toEqual({
      name: 'latency_downstream',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 0, jitter: 0 },
    });
    expect(toxicJson(parseNewToxic({ type: 'latency', stream: 'UpStream', attributes: null })).name).toBe('latency_upstream');
  });

  it('names what is wrong with a toxic body', () => {
    expect(() => parseNewToxic([])).toThrow('bad request body: toxic must be a JSON object, got []');
    expect(() => parseNewToxic({})).toThrow(/^invalid toxic type ""; known types: /);
    for (const raw of ['100', -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => parseNewToxic({ type: 'latency', name: 'slow', attributes: { latency: raw } }), String(raw)).toThrow(
        /^invalid toxic attribute: toxic "slow": "latency" must be a non-negative integer \(ms\), got /,
      );
    }
    expect(() => parseNewToxic({ type: 'latency', name: 'slow', attributes: { latency: 2 ** 31 } })).toThrow(
      `invalid toxic attribute: toxic "slow": "latency" must be at most ${2 ** 31 - 1} ms (Node's longest timer, about 24.8 days), got ${2 ** 31}`,
    );
    expect(parseNewToxic({ type: 'limit_data', attributes: { bytes: Number.MAX_SAFE_INTEGER } }).attributes.bytes).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('updates attributes in place and keeps the toxicity unless given', () => {
    const toxic = parseNewToxic({ type: 'latency', toxicity: 0.5, attributes: { latency: 100 } });
    applyToxicUpdate(toxic, { attributes: { jitter: 10 } });
    expect(toxicJson(toxic)).toMatchObject({ toxicity: 0.5, attributes: { latency: 100, jitter: 10 } });
    applyToxicUpdate(toxic, { toxicity: 0 });
    expect(toxic.toxicity).toBe(0);
    expect(() => applyToxicUpdate(toxic, 'x')).toThrow('bad request body: toxic must be a JSON object, got "x"');
  });
});
