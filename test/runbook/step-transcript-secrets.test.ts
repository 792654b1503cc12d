import { describe, expect, it } from 'vitest';
import { executeStep } from '../../src/runbook/execute-step.ts';

// A step's output is kept as its last 8 KiB. Redaction runs on the whole
// output first: a secret straddling the cut must not survive in part.
const password = 'Zq7xK2mP9vL4nR8tW3yB6cD1'; // 24 characters, as generated
const token = 'f0e1d2c3b4a5968778695a4b';
const keepChars = 8192;

/** Prints `secret` so that the transcript's cut falls `into` characters after its start. */
function straddling(secret: string, into: number): string {
  const after = keepChars - (secret.length - into);
  return `printf '%s' "$(head -c 100 /dev/zero | tr '\\0' A)${secret}$(head -c ${after} /dev/zero | tr '\\0' B)"`;
}

const execution = { variables: { PATH: process.env.PATH ?? '', PGPASSWORD: password }, secrets: [password], cwd: '/tmp' };

/** Every run of `length` characters of `secret`: what a partial leak would show. */
const fragments = (secret: string, length = 8) => Array.from({ length: secret.length - length + 1 }, (_, i) => secret.slice(i, i + length));

describe('a step transcript', () => {
  it('keeps no part of a known secret that straddles the 8 KiB cut', async () => {
    const transcript = await executeStep({ id: 's', title: 's', run: straddling(password, 10) }, execution);
    expect(transcript.stdout.length).toBeLessThanOrEqual(keepChars + 1);
    for (const fragment of fragments(password)) expect(transcript.stdout).not.toContain(fragment);
  });

  it('keeps no part of a token found by pattern (token=…) whose name is before the cut and value after', async () => {
    const transcript = await executeStep({ id: 's', title: 's', run: straddling(`token=${token}`, 8) }, execution);
    for (const fragment of fragments(token)) expect(transcript.stdout).not.toContain(fragment);
  });

  it('redacts what a step prints by pattern, on stdout and stderr', async () => {
    const transcript = await executeStep(
      {
        id: 's',
        title: 's',
        run: 'echo "Authorization: Bearer abc.def.ghi"; echo "key sk_live_4eC39HqLyjWDarjtT1zdp7dc"; echo "DB_PASSWORD=hunter22" >&2',
      },
      execution,
    );
    expect(transcript.stdout).toBe('Authorization: Bearer [REDACTED]\nkey [REDACTED]');
    expect(transcript.stderr).toBe('DB_PASSWORD=[REDACTED]');
  });
});
