// The harness's superuser reads (src/probes/admin-query.ts) against a real PostgreSQL with every slot held, the
// reserved ones by the application's attempts still authenticating (test/support/every-slot-held.ts): a read
// refused for want of a slot is tried again until one frees up, for 3 s at most; any other error at once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQueryWith } from '../../src/probes/admin-query.ts';
import { type EverySlotHeld, everySlotHeld } from '../support/every-slot-held.ts';

let held: EverySlotHeld;
const variables = () => {
  const { PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE } = held.admin;
  return { PGHOST: PGHOST!, PGPORT: PGPORT!, PGADMIN_USER: PGUSER!, PGADMIN_PASSWORD: PGPASSWORD!, PGDATABASE: PGDATABASE! };
};
const whoAmI = (extra: Record<string, string> = {}) =>
  adminQueryWith<{ user: string }>({ ...variables(), ...extra }, 'admin-query-test', 'SELECT current_user AS user');

beforeAll(async () => {
  held = await everySlotHeld();
}, 60_000);
afterAll(() => held?.[Symbol.asyncDispose]());

describe('adminQuery while the reserved slots are held by connections still authenticating', () => {
  it('the superuser is refused on a plain connection (what the retry is for)', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: held.server.port, user: 'postgres', password: held.server.adminPassword });
    client.on('error', () => {});
    await expect(client.connect()).rejects.toMatchObject({ code: '53300', message: 'sorry, too many clients already' });
  });

  it('gives up after 3 s with the refusal', async () => {
    await expect(whoAmI()).rejects.toMatchObject({ code: '53300', message: 'sorry, too many clients already' });
  });

  it('gets its answer once a slot frees up', async () => {
    const before = await held.refusals();
    const reading = whoAmI();
    await held.untilRefusals(before + 1);
    held.releaseOne();
    await expect(reading).resolves.toEqual([{ user: 'postgres' }]);
  });

  it('a wrong password is an error at once', async () => {
    await expect(whoAmI({ PGADMIN_PASSWORD: 'wrong' })).rejects.toMatchObject({ code: '28P01' });
  });
});
