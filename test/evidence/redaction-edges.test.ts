import { describe, expect, it } from 'vitest';
import { redact } from '../../src/evidence/redact.ts';

describe('redact at its edges', () => {
  it('redacts a secret of exactly 4 characters, not one of 3', () => {
    expect(redact('user pw9x logged in', ['pw9x'])).toBe('user [REDACTED] logged in');
    expect(redact('user pw9 logged in', ['pw9'])).toBe('user pw9 logged in');
  });

  it('keeps only a value that starts as a shell reference: a $ inside a password is still a password', () => {
    expect(redact('DB_PASSWORD=hunter2$x ./start', [])).toBe('DB_PASSWORD=[REDACTED] ./start');
    expect(redact('DB_PASSWORD=$DB_PW ./start', [])).toBe('DB_PASSWORD=$DB_PW ./start');
  });
});
