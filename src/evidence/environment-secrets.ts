/**
 * Every value of an environment that must never reach evidence: the ones it
 * declares (generated passwords) and the value of every variable whose name
 * says it is secret (PGPASSWORD, a *_TOKEN, a *_SECRET a runtime adds).
 */
import type { Environment } from '../runtime/runtime.ts';
import { secretNamePattern } from './secret-patterns.ts';

export function secretVariableValues(variables: Readonly<Record<string, string>>): string[] {
  return Object.entries(variables).flatMap(([name, value]) => (secretNamePattern.test(name) && value !== '' ? [value] : []));
}

export function environmentSecrets(env: Pick<Environment, 'secrets' | 'variables'>): string[] {
  return [...new Set([...env.secrets(), ...secretVariableValues(env.variables())])];
}
