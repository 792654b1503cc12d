/**
 * Puts one scenario's evidence record into the current test's Allure result:
 * its phases as steps with their real start and end (scenario-steps.ts), the
 * timeline and the record attached, and labels for the scenario, the runtime
 * and each control it evidences.
 *
 * Called from a test (the gate's per-scenario tests) after the run, since the
 * scenarios run side by side in a beforeAll, where Allure has no test to put
 * steps in. When Allure is off (no FIREDRILL_ALLURE: allure-vitest's setup
 * file not loaded) it returns at once and costs nothing.
 */
import { type Label, Status } from 'allure-js-commons';
import type { RuntimeMessage } from 'allure-js-commons/sdk';
import { BaseMessageTestRuntime, getGlobalTestRuntime } from 'allure-js-commons/sdk/runtime';
import type { ScenarioResult } from '../../../src/runner/scenario-result.ts';
import { type ScenarioStep, type StepAttachment, type StepStatus, scenarioSteps } from './scenario-steps.ts';

const statuses: Record<StepStatus, Status> = {
  passed: Status.PASSED,
  failed: Status.FAILED,
  broken: Status.BROKEN,
  skipped: Status.SKIPPED,
};

export interface ScenarioLabels {
  /** The runtime it ran on: `local`, `docker`. */
  readonly runtime: string;
  /** The ids of the controls it evidences (`DORA-11`), from the controls file. */
  readonly controls: readonly string[];
}

/** The labels a scenario's result carries: custom `scenario`, `runtime`, one `control` each, and the same as tags the report shows. */
export function scenarioLabels(result: ScenarioResult, labels: ScenarioLabels): Label[] {
  return [
    { name: 'scenario', value: result.id },
    { name: 'runtime', value: labels.runtime },
    ...labels.controls.map((value) => ({ name: 'control', value })),
    { name: 'tag', value: labels.runtime },
    ...labels.controls.map((value) => ({ name: 'tag', value })),
  ];
}

export async function reportScenarioToAllure(result: ScenarioResult, labels: ScenarioLabels): Promise<void> {
  const runtime = getGlobalTestRuntime();
  if (!(runtime instanceof BaseMessageTestRuntime)) return;
  const send = (message: RuntimeMessage) => runtime.sendMessage(message);
  await send({ type: 'metadata', data: { labels: scenarioLabels(result, labels) } });
  for (const step of scenarioSteps(result)) await sendStep(send, step);
  const at = Date.parse(result.timeline.at(-1)?.at ?? new Date().toISOString());
  await sendAttachment(send, { name: 'timeline', contentType: 'application/json', content: JSON.stringify(result.timeline, null, 2) }, at);
  await sendAttachment(send, { name: 'evidence record', contentType: 'application/json', content: JSON.stringify(result, null, 2) }, at);
}

async function sendStep(send: (message: RuntimeMessage) => Promise<void>, step: ScenarioStep): Promise<void> {
  await send({ type: 'step_start', data: { name: step.name, start: step.start } });
  for (const attachment of step.attachments) await sendAttachment(send, attachment, step.start);
  for (const inner of step.steps) await sendStep(send, inner);
  await send({
    type: 'step_stop',
    data: { stop: step.stop, status: statuses[step.status], ...(step.message ? { statusDetails: { message: step.message } } : {}) },
  });
}

function sendAttachment(send: (message: RuntimeMessage) => Promise<void>, attachment: StepAttachment, timestamp: number): Promise<void> {
  return send({
    type: 'attachment_content',
    data: {
      name: attachment.name,
      content: Buffer.from(attachment.content, 'utf8').toString('base64'),
      encoding: 'base64',
      contentType: attachment.contentType,
      wrapInStep: false,
      timestamp,
    },
  });
}
