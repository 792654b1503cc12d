/**
 * Values a config cannot know in advance (an environment's ports, its
 * generated password, its sandbox) are written as `{name}` placeholders, which
 * the runtime fills in when it provisions: `EXCHANGE_URL: 'http://{host}:{port}'`.
 */
import { z } from 'zod';

const placeholder = /\{([^{}]*)\}/g;

/** The placeholder names a template uses, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(placeholder)].map((match) => match[1]!);
}

/** A template string that may use only `allowed` placeholders. */
export function template(allowed: readonly string[]) {
  const list = (names: readonly string[]) => names.map((name) => `{${name}}`).join(', ');
  return z.string().superRefine((text, ctx) => {
    const unknown = placeholdersIn(text).filter((name) => !allowed.includes(name));
    if (unknown.length > 0)
      ctx.addIssue({ code: 'custom', message: `expected only the placeholders ${list(allowed)}; got ${list(unknown)} in "${text}"` });
  });
}

/** `template` with each `{name}` replaced by its value; a name without one is left as written. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(placeholder, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
