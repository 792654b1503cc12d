import { describe, expect, it } from 'vitest';
import { redact } from '../../src/evidence/redact.ts';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('PGPASSWORD=s3cretpw psql; echo s3cretpw', ['s3cretpw'])).toBe('PGPASSWORD=[REDACTED] psql; echo [REDACTED]');
  });
  it('ignores secrets too short to be meaningful', () => {
    expect(redact('a b c', ['a'])).toBe('a b c');
  });
});
