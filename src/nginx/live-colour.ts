/**
 * Which colour a service's live.conf points at, and pointing it elsewhere: the symlink the runbook flips with
 * `ln -sfn "$NGINX_UPSTREAMS/blue.conf" "$NGINX_UPSTREAMS/live.conf"`. nginx serves the new colour only after a reload.
 */
import { readlink, rename, rm, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Colour, colours } from '../runtime/runtime.ts';

export async function liveColour(upstreamsDir: string): Promise<Colour> {
  const link = join(upstreamsDir, 'live.conf');
  const target = await readlink(link);
  const colour = colours.find((candidate) => basename(target) === `${candidate}.conf`);
  if (!colour) throw new Error(`${link} points at ${target}, which is neither colour's file (blue.conf, green.conf)`);
  return colour;
}

/** Replaces live.conf in one rename, so nginx -t never sees it missing. */
export async function pointLive(upstreamsDir: string, colour: Colour): Promise<void> {
  const next = join(upstreamsDir, '.live.conf.next');
  await rm(next, { force: true });
  await symlink(join(upstreamsDir, `${colour}.conf`), next);
  await rename(next, join(upstreamsDir, 'live.conf'));
}
