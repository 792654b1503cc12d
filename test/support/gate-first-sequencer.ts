import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * vitest's own order (by group, then project, then the longest or largest files first), but the gate's file
 * first in its group: it runs beside the unit and cli files (vitest.config.ts), and must not wait behind them.
 */
export class GateFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isGate = (spec: TestSpecification) => spec.project.name === 'gate';
    const order = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    return sorted.sort((a, b) => order(a) - order(b) || Number(isGate(b)) - Number(isGate(a)));
  }
}
