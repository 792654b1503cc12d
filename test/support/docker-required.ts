/**
 * Tests that need a Docker engine (and the local images). Outside CI they are
 * skipped, saying why; under CI (the CI variable set) a missing engine or
 * image fails the file with one message naming what is missing and what to
 * run: a skipped release gate is not a pass.
 */
import { describe, it } from 'vitest';

export const underCi = ['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase()) === false;

/** `describe`, when the engine and images are there (`unavailable` undefined); otherwise skipped or, under CI, failed. */
export function describeWithDocker(name: string, unavailable: string | undefined, body: () => void): void {
  if (unavailable === undefined) describe(name, body);
  else if (underCi) failUnderCi(name, unavailable);
  else describe.skip(`${name} (skipped: ${unavailable})`, body);
}

/** One failing test saying what CI lacks. */
export function failUnderCi(name: string, unavailable: string): void {
  describe(name, () => {
    it('has the Docker engine and images it needs (required under CI)', () => {
      throw new Error(`${name}: required under CI, but unavailable. ${unavailable}`);
    });
  });
}
