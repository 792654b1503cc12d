import { describe, expect, it } from 'vitest';
import { supervisionFromJlist } from '../../src/runtime/local/pm2-jlist.ts';

// `pm2 jlist` as PM2 7 prints it (trimmed to what is read), after a line it may print first.
const list = JSON.stringify([
  { name: 'exchange', pid: 101, pm2_env: { status: 'online', restart_time: 0 } },
  { name: 'order-gateway', pid: 0, pm2_env: { status: 'waiting restart', restart_time: 7 } },
  { name: 'risk', pid: 0, pm2_env: { status: 'stopped', restart_time: 2 } },
]);

describe('supervisionFromJlist (what PM2 records of an app)', () => {
  it("reads an app's status and restart count; only a stopped app is held stopped", () => {
    expect(supervisionFromJlist(list, 'order-gateway')).toEqual({ restarts: 7, status: 'waiting restart', stopped: false });
    expect(supervisionFromJlist(list, 'risk')).toEqual({ restarts: 2, status: 'stopped', stopped: true });
  });

  it('finds the list after lines PM2 prints before it (the daemon spawning)', () => {
    const stdout = `[PM2] Spawning PM2 daemon with pm2_home=/tmp/x\n[PM2] PM2 Successfully daemonized\n${list}\n`;
    expect(supervisionFromJlist(stdout, 'exchange')).toEqual({ restarts: 0, status: 'online', stopped: false });
  });

  it('answers undefined for an app PM2 does not have, and throws quoting output that holds no list', () => {
    expect(supervisionFromJlist(list, 'market-data')).toBeUndefined();
    expect(() => supervisionFromJlist('{"error":"no daemon"}', 'exchange')).toThrow(
      'pm2 jlist printed no list of apps: "{"error":"no daemon"}"',
    );
  });
});
