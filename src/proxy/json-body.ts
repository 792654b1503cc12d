// Reading fields out of a parsed JSON request body, each failure a 400 that
// names the field, the expected type and what came instead.
import { apiError } from './errors.ts';

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw apiError('badRequestBody', `${what} must be a JSON object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

export function optionalString(body: JsonObject, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw apiError('badRequestBody', `field "${field}" must be a string, got ${describe(value)}`);
  return value;
}

export function requiredString(body: JsonObject, field: string, where = ''): string {
  const value = optionalString(body, field);
  if (value === undefined || value === '') throw apiError('missingField', `${field}${where}`);
  return value;
}

export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw apiError('badRequestBody', `field "${field}" must be true or false, got ${describe(value)}`);
  return value;
}

const describedChars = 60;

/**
 * The value as JSON for a message, cut to about 60 characters. Built piece by
 * piece up to that length: a body of any size or depth costs no more (the
 * whole of a deeply nested one overflowed the stack).
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = preview(value, describedChars + 1);
  return text.length > describedChars ? `${text.slice(0, describedChars - 3)}...` : text;
}

/** JSON text of value, stopping once it reaches `budget` characters (what follows is cut anyway). */
function preview(value: unknown, budget: number): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, budget));
  if (typeof value !== 'object' || value === null) return String(JSON.stringify(value));
  const array = Array.isArray(value);
  let text = array ? '[' : '{';
  for (const key in value) {
    if (text.length >= budget) return text;
    const item = (value as Record<string, unknown>)[key];
    const label = array ? '' : `${JSON.stringify(key.slice(0, budget))}:`;
    text += `${text.length > 1 ? ',' : ''}${label}${preview(item, Math.max(1, budget - text.length - label.length))}`;
  }
  return `${text}${array ? ']' : '}'}`;
}
