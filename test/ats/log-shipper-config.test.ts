import { describe, expect, it } from 'vitest';
import { readLogShipperConfig } from '../../fixtures/ats/log-shipper/config.ts';

const required = { LOG_SHIPPER_PORT: '9000', LOKI_URL: 'http://127.0.0.1:1/', LOG_DIR: '/tmp/logs', SHIPPER_POSITIONS_FILE: '/tmp/p.json' };

describe("the log shipper's test-only switch SHIPPER_TEST_ONLY_SAVE_POSITIONS", () => {
  it('saves positions on acknowledgement unless told otherwise', () => {
    expect(readLogShipperConfig(required).savePositions).toBe('on-ack');
  });

  it.each(['on-ack', 'on-read', 'on-send'])('accepts %s', (value) => {
    expect(readLogShipperConfig({ ...required, SHIPPER_TEST_ONLY_SAVE_POSITIONS: value }).savePositions).toBe(value);
  });

  it('refuses anything else, naming the variable and the values it takes', () => {
    expect(() => readLogShipperConfig({ ...required, SHIPPER_TEST_ONLY_SAVE_POSITIONS: 'never' })).toThrow(
      'SHIPPER_TEST_ONLY_SAVE_POSITIONS must be one of on-ack, on-read, on-send, got "never"',
    );
  });
});
