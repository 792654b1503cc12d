// One toxic as the API sees it: {name, type, stream, toxicity, attributes},
// with Toxiproxy's defaults (stream "downstream", toxicity 1.0, name
// "<type>_<stream>", every attribute 0). Stricter than Toxiproxy: attributes
// must be known non-negative integers (durations up to 2^31−1 ms, Node's
// longest timer) and toxicity within 0..1.
import { apiError } from './errors.ts';
import { asObject, describe, optionalString, type JsonObject } from './json-body.ts';
import { findToxicKind, toxicTypes } from './toxics/registry.ts';
import { attributeMaximum, type ToxicKind } from './toxics/toxic.ts';

export type Stream = 'upstream' | 'downstream';

export interface ToxicConfig {
  readonly name: string;
  readonly type: string;
  readonly stream: Stream;
  readonly kind: ToxicKind;
  toxicity: number;
  /** Position in its proxy's chain: toxics added later come later. */
  order: number;
  /** Updated in place, so every running connection sees the new values. */
  readonly attributes: Record<string, number>;
}

export interface ToxicJson {
  attributes: Record<string, number>;
  name: string;
  type: string;
  stream: Stream;
  toxicity: number;
}

export function parseNewToxic(value: unknown): ToxicConfig {
  const body = asObject(value, 'toxic');
  const type = optionalString(body, 'type') ?? '';
  const kind = findToxicKind(type);
  if (!kind) throw apiError('invalidToxicType', JSON.stringify(type), toxicTypes().join(', '));
  const streamText = optionalString(body, 'stream') ?? 'downstream';
  const stream = streamText.toLowerCase();
  if (stream !== 'upstream' && stream !== 'downstream') throw apiError('invalidStream', JSON.stringify(streamText));
  const name = optionalString(body, 'name') || `${type}_${stream}`;
  const attributes = Object.fromEntries(Object.keys(kind.attributes).map((key) => [key, 0]));
  Object.assign(attributes, parseAttributes(body, kind, name));
  return { name, type, stream, kind, toxicity: parseToxicity(body, name) ?? 1, order: 0, attributes };
}

/** Applies a partial update ({attributes?, toxicity?}); name, type and stream cannot change. */
export function applyToxicUpdate(toxic: ToxicConfig, value: unknown): void {
  const body = asObject(value, 'toxic');
  const attributes = parseAttributes(body, toxic.kind, toxic.name);
  const toxicity = parseToxicity(body, toxic.name);
  Object.assign(toxic.attributes, attributes);
  if (toxicity !== undefined) toxic.toxicity = toxicity;
}

export function toxicJson(toxic: ToxicConfig): ToxicJson {
  const { name, type, stream, toxicity } = toxic;
  return { attributes: { ...toxic.attributes }, name, type, stream, toxicity };
}

function parseAttributes(body: JsonObject, kind: ToxicKind, name: string): Record<string, number> {
  const value = body.attributes;
  if (value === undefined || value === null) return {};
  const attributes = asObject(value, `attributes of toxic "${name}"`);
  const result: Record<string, number> = {};
  for (const [key, raw] of Object.entries(attributes)) {
    const spec = kind.attributes[key];
    if (!spec) {
      const known = Object.keys(kind.attributes).join(', ');
      throw apiError('invalidAttribute', `toxic "${name}" (${kind.type}) has no attribute "${key}"; known: ${known}`);
    }
    if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0) {
      throw apiError('invalidAttribute', `toxic "${name}": "${key}" must be a non-negative integer (${spec.unit}), got ${describe(raw)}`);
    }
    const maximum = attributeMaximum[spec.unit];
    if (raw > maximum) {
      const why = maximum === Number.MAX_SAFE_INTEGER ? '' : " (Node's longest timer, about 24.8 days)";
      throw apiError('invalidAttribute', `toxic "${name}": "${key}" must be at most ${maximum} ${spec.unit}${why}, got ${raw}`);
    }
    result[key] = raw;
  }
  return result;
}

function parseToxicity(body: JsonObject, name: string): number | undefined {
  const value = body.toxicity;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw apiError('badRequestBody', `toxic "${name}": toxicity must be a number from 0 to 1, got ${describe(value)}`);
  }
  return value;
}
