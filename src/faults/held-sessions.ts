/**
 * PostgreSQL sessions a fault holds open, each left idle in a transaction.
 * The server may end one under it (the runbook's pg_terminate_backend): that
 * is noted, never thrown, and `closeAll()` counts it instead of failing.
 */
import pg from 'pg';

const END_TIMEOUT_MS = 3000;

interface Held {
  readonly client: pg.Client;
  endedByServer: boolean;
}

export interface ClosedSessions {
  /** Sessions still open that close ended. */
  readonly closed: number;
  /** Sessions the server had already ended (terminated by an operator, or the server restarted). */
  readonly alreadyEnded: number;
}

export class HeldSessions {
  readonly #config: pg.ClientConfig;
  readonly #held: Held[] = [];

  constructor(config: pg.ClientConfig) {
    this.#config = config;
  }

  get count(): number {
    return this.#held.length;
  }

  /** True once the server ended any session held (pg_terminate_backend, a restart). */
  get anyEndedByServer(): boolean {
    return this.#held.some((h) => h.endedByServer);
  }

  /** Connects one more session and runs `sql` in it; on any error the session is not held and the server's error is thrown. */
  async open(sql: string): Promise<void> {
    const held: Held = { client: new pg.Client(this.#config), endedByServer: false };
    held.client.on('error', () => (held.endedByServer = true)); // 57P01 "terminating connection due to administrator command"
    try {
      await held.client.connect();
      await held.client.query(sql);
    } catch (error) {
      await endQuietly(held.client);
      throw error;
    }
    this.#held.push(held);
  }

  /** Ends every session held; the server rolls back what each had open. Safe to call again. */
  async closeAll(): Promise<ClosedSessions> {
    const held = this.#held.splice(0);
    const alreadyEnded = held.filter((h) => h.endedByServer).length;
    await Promise.all(held.map((h) => endQuietly(h.client)));
    return { closed: held.length - alreadyEnded, alreadyEnded };
  }
}

/** A client whose server is gone may never finish `end()`: bounded, and its errors are moot. */
async function endQuietly(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bounded = new Promise<void>((resolve) => (timer = setTimeout(resolve, END_TIMEOUT_MS)));
  await Promise.race([client.end().catch(() => undefined), bounded]);
  clearTimeout(timer);
}
