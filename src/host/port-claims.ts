/**
 * Claims on listening ports across the harness processes of one machine. freePort checks that a port is free
 * by listening on it and closing it again; a service binds it seconds later. Between the two, another harness
 * process (a vitest worker beside this one, a second `firedrill run`) could draw the same port, find it just
 * as free, and give it to its own service: seen in a local run of the scenario tests, three files at a time,
 * as a PostgreSQL container exiting with "could not create any TCP/IP sockets". A process claims a port by
 * writing the empty file `<dir>/<port>@<owner>` (owner: pid and start time, process-owner.ts), then looking
 * for another living owner's claim on the port; finding one, it withdraws and the caller draws again. Of two
 * processes racing for a port, each writes before it looks, so the second to look sees the first: at most
 * one keeps it (both may withdraw). A claim lasts as long as its process: a process removes its own as it
 * exits, and the claims of processes that are gone (killed: vitest ends its workers by a signal) are removed
 * by the next process to claim a port, and by whoever looks at that port.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentOwner, ownerIsAlive } from './process-owner.ts';

export class PortClaims {
  readonly #dir: string;
  readonly #owner = currentOwner();
  readonly #held = new Set<string>();
  #started = false;

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** True when this process now holds `port`; false when another living process claimed it first. */
  claim(port: number): boolean {
    if (!this.#started) this.#start();
    const prefix = `${port}@`;
    const mine = join(this.#dir, prefix + this.#owner);
    writeFileSync(mine, '');
    const others = readdirSync(this.#dir).filter((name) => name.startsWith(prefix) && name !== prefix + this.#owner);
    const living = others.filter((name) => ownerIsAlive(name.slice(prefix.length)));
    for (const gone of others.filter((name) => !living.includes(name))) rmSync(join(this.#dir, gone), { force: true });
    if (living.length > 0) {
      rmSync(mine, { force: true });
      return false;
    }
    this.#held.add(mine);
    return true;
  }

  #start(): void {
    this.#started = true;
    mkdirSync(this.#dir, { recursive: true });
    const alive = new Map<string, boolean>();
    for (const name of readdirSync(this.#dir)) {
      const owner = name.slice(name.indexOf('@') + 1);
      if (!alive.has(owner)) alive.set(owner, ownerIsAlive(owner));
      if (!alive.get(owner)) rmSync(join(this.#dir, name), { force: true });
    }
    process.once('exit', () => {
      for (const claim of this.#held) rmSync(claim, { force: true });
    });
  }
}
