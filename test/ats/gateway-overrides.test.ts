import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGatewayConfig } from '../../fixtures/ats/order-gateway/config.ts';
import { withOverrides } from '../../fixtures/ats/order-gateway/overrides.ts';
import { ConfigError } from '../../fixtures/ats/shared/env.ts';
import { gatewayBaseEnv } from '../support/gateway-env.ts';

// The gateway's overrides file (GATEWAY_OVERRIDES_FILE): what a config push
// changes, and the configuration error a bad one makes at start (the
// crash-loop scenario's fault; the crash itself is seen in that scenario).
const baseEnv = gatewayBaseEnv;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-overrides-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function overridesFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('gateway overrides file', () => {
  it('changes nothing without the variable, or when the file does not exist', () => {
    expect(withOverrides(baseEnv, readGatewayConfig)).toEqual({ config: readGatewayConfig(baseEnv) });
    const absent = { ...baseEnv, GATEWAY_OVERRIDES_FILE: join(dir, 'absent.env') };
    expect(withOverrides(absent, readGatewayConfig).overrides).toBeUndefined();
  });

  it("puts the file's values over the environment's, skipping blank lines and comments, and says which lines set what", async () => {
    const file = await overridesFile('good.env', '# pushed by config management\n\nRATE_LIMIT_PER_SEC=20\nCLIENT_ID=ats-2\n');
    const { config, overrides } = withOverrides({ ...baseEnv, RATE_LIMIT_PER_SEC: '50', GATEWAY_OVERRIDES_FILE: file }, readGatewayConfig);
    expect([config.ratePerSec, config.clientId]).toEqual([20, 'ats-2']);
    expect(overrides).toEqual({
      file,
      lines: new Map([
        ['RATE_LIMIT_PER_SEC', 3],
        ['CLIENT_ID', 4],
      ]),
    });
  });

  it('refuses a bad value, naming the variable, the value and the line that set it; a problem of the environment stays as it was', async () => {
    const file = await overridesFile('bad.env', '# pushed\nRATE_LIMIT_PER_SEC=50/s\n');
    const { EXCHANGE_URL: _, ...noExchange } = baseEnv;
    expect(problemsOf(() => withOverrides({ ...noExchange, GATEWAY_OVERRIDES_FILE: file }, readGatewayConfig))).toEqual([
      'EXCHANGE_URL is required (base URL of the exchange API, e.g. http://127.0.0.1:7001) but is not set',
      `RATE_LIMIT_PER_SEC must be an integer in [1, 9007199254740991], got "50/s" (set by ${file} line 2)`,
    ]);
  });

  it('refuses every malformed line at once, with its number', async () => {
    const file = await overridesFile('malformed.env', 'RATE_LIMIT_PER_SEC=20\nrate limit 20\nexport CLIENT_ID=x\n');
    expect(problemsOf(() => withOverrides({ ...baseEnv, GATEWAY_OVERRIDES_FILE: file }, readGatewayConfig))).toEqual([
      `${file} line 2: expected KEY=VALUE, got "rate limit 20"`,
      `${file} line 3: expected KEY=VALUE, got "export CLIENT_ID=x"`,
    ]);
  });

  it('refuses a file it cannot read (a directory) as a configuration error', () => {
    expect(problemsOf(() => withOverrides({ ...baseEnv, GATEWAY_OVERRIDES_FILE: dir }, readGatewayConfig))).toEqual([
      expect.stringMatching(new RegExp(`^GATEWAY_OVERRIDES_FILE ${dir} cannot be read: EISDIR`)),
    ]);
  });
});
