import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import fileSeconds from './file-seconds.json' with { type: 'json' };

/**
 * vitest's own order (by group, then project, then the longest files first by its cache of the last run's
 * durations), but the gate's file first in its group: it runs beside the unit and cli files (vitest.config.ts),
 * and must not wait behind them. A project of which vitest has no duration (a clean clone: CI) runs its longest
 * files first by file-seconds.json, what each took in a clean-clone CI run (files not listed took under a second),
 * instead of vitest's fallback, the largest file first: three files at a time, the integration-shared and
 * scenarios projects end about 20 s and 10 s sooner (their files' durations scheduled both ways).
 */
export class GateFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const unmeasured = new Set(sorted.filter((spec) => !this.ctx.cache.getTestSpecificationResult(spec)).map((spec) => spec.project.name));
    const expected = (spec: TestSpecification) =>
      unmeasured.has(spec.project.name)
        ? ((fileSeconds as Record<string, number>)[relative(spec.project.config.root, spec.moduleId)] ?? 0)
        : 0;
    const isGate = (spec: TestSpecification) => spec.project.name === 'gate';
    const order = (spec: TestSpecification) => spec.project.config.sequence.groupOrder;
    return sorted.sort(
      (a, b) =>
        order(a) - order(b) ||
        Number(isGate(b)) - Number(isGate(a)) ||
        (a.project.name < b.project.name ? -1 : a.project.name > b.project.name ? 1 : 0) ||
        expected(b) - expected(a),
    );
  }
}
