import { isProbeSuiteName, type ProbeSuiteName, probeSuiteNames } from '../probe-suites/suite-names.ts';
import { parseDurationMs } from './duration.ts';
import type { StepExpectation } from './runbook.ts';

/** What a step's attributes declare besides its id. */
export interface StepOptions {
  /** Set when the block is the variant of its step for one runtime (`runtime=docker`). */
  readonly runtime?: string;
  readonly title?: string;
  readonly timeoutMs?: number;
  readonly expect?: StepExpectation;
  /** The firedrill probe suite run in place of the command where the runtime cannot run it (`helm test` without Kubernetes). */
  readonly suite?: ProbeSuiteName;
}

const known = ['id', 'runtime', 'title', 'timeout', 'expect-exit', 'expect-output', 'suite'] as const;
export const stepRuntimes: readonly string[] = ['local', 'docker'];
const stepId = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/;

export const runnableLangs: readonly string[] = ['bash', 'sh', 'shell'];

/** Validates a step block's attributes; returns the options, or every problem as a sentence. */
export function stepOptions(lang: string, attributes: Readonly<Record<string, string>>): StepOptions | string[] {
  const problems: string[] = [];
  const id = attributes.id ?? '';
  if (!stepId.test(id)) problems.push(`step id "${id}" is not valid: use lowercase words joined by dots, e.g. redis.restart`);
  if (!runnableLangs.includes(lang))
    problems.push(`step "${id}" is a "${lang || 'plain'}" block; steps run under bash: use \`\`\`bash {id=${id}}`);
  for (const key of Object.keys(attributes)) {
    if (!(known as readonly string[]).includes(key)) problems.push(`step "${id}": unknown attribute "${key}"; known: ${known.join(', ')}`);
  }
  if (attributes.runtime !== undefined && !stepRuntimes.includes(attributes.runtime)) {
    problems.push(`step "${id}": runtime "${attributes.runtime}" is not one of ${stepRuntimes.join(', ')}`);
  }
  const timeoutMs = attributes.timeout === undefined ? undefined : stepTimeoutMs(id, attributes.timeout, problems);
  const expect = expectation(id, attributes, problems);
  const { suite } = attributes;
  if (suite !== undefined && !isProbeSuiteName(suite))
    problems.push(`step "${id}": suite "${suite}" is not a firedrill probe suite; known: ${probeSuiteNames.join(', ')}`);
  if (problems.length > 0) return problems;
  return {
    ...(attributes.runtime ? { runtime: attributes.runtime } : {}),
    ...(attributes.title ? { title: attributes.title } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(expect ? { expect } : {}),
    ...(suite !== undefined && isProbeSuiteName(suite) ? { suite } : {}),
  };
}

/** The shortest timeout a step may declare: nothing an operator runs (a restart, a psql, a curl) plausibly ends sooner. */
const minStepTimeoutMs = 1000;

/** A step's `timeout` in milliseconds; a bare number (read as milliseconds until now), a malformed one or one under 1 s is a problem. */
function stepTimeoutMs(id: string, text: string, problems: string[]): number | undefined {
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    problems.push(
      `step "${id}": timeout "${text}" has no unit; write timeout=${text.trim()}s for seconds (a bare number used to be read as milliseconds)`,
    );
    return undefined;
  }
  const ms = parseDurationMs(text);
  if (ms === undefined) problems.push(`step "${id}": timeout "${text}" is not a duration like 20s or 2m`);
  else if (ms < minStepTimeoutMs)
    problems.push(
      `step "${id}": timeout "${text}" is under 1 s, shorter than any step can run; write the time the step needs, at least timeout=1s`,
    );
  return ms;
}

function expectation(id: string, attributes: Readonly<Record<string, string>>, problems: string[]): StepExpectation | undefined {
  const exitText = attributes['expect-exit'];
  const outputText = attributes['expect-output'];
  const exitCode = exitText !== undefined && /^\d{1,3}$/.test(exitText) && Number(exitText) <= 255 ? Number(exitText) : undefined;
  if (exitText !== undefined && exitCode === undefined)
    problems.push(`step "${id}": expect-exit "${exitText}" is not an exit status 0-255`);
  let output: RegExp | undefined;
  try {
    output = outputText === undefined ? undefined : new RegExp(outputText, 'm');
  } catch (error) {
    problems.push(`step "${id}": expect-output is not a valid regular expression: ${(error as Error).message}`);
  }
  if (exitCode === undefined && output === undefined) return undefined;
  return { ...(exitCode !== undefined ? { exitCode } : {}), ...(output ? { output } : {}) };
}
