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

export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
