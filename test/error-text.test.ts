import { describe, expect, it } from 'vitest';
import { errorText } from '../src/error-text.ts';

describe('errorText', () => {
  it("gives fetch's cause after its message, and a chain's causes in order", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8080'), { code: 'ECONNREFUSED' });
    expect(errorText(new TypeError('fetch failed', { cause: refused }))).toBe('fetch failed (connect ECONNREFUSED 127.0.0.1:8080)');
    expect(errorText(new Error('a', { cause: new Error('b', { cause: 'c' }) }))).toBe('a (b: c)');
  });

  it('leaves out a cause its message already holds, ends a cycle, and takes what is not an Error', () => {
    const inner = new Error('timed out');
    expect(errorText(new Error('restore failed: timed out', { cause: inner }))).toBe('restore failed: timed out');
    const cyclic = new Error('x');
    (cyclic as { cause?: unknown }).cause = cyclic;
    expect(errorText(cyclic)).toBe('x');
    expect(errorText('plain')).toBe('plain');
    expect(errorText(new Error('', { cause: 42 }))).toBe('Error (42)');
  });
});
