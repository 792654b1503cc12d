// The toxic types the API accepts, keyed by their type name.
import { bandwidth } from './bandwidth.ts';
import { drop } from './drop.ts';
import { latency } from './latency.ts';
import { limitData } from './limit-data.ts';
import { resetPeer } from './reset-peer.ts';
import { slicer } from './slicer.ts';
import { slowClose } from './slow-close.ts';
import { timeout } from './timeout.ts';
import type { ToxicKind } from './toxic.ts';

const registry = new Map<string, ToxicKind>();

export function registerToxic<K extends string, S>(kind: ToxicKind<K, S>): void {
  if (registry.has(kind.type)) throw new Error(`toxic type "${kind.type}" is already registered`);
  registry.set(kind.type, kind as unknown as ToxicKind);
}

export function findToxicKind(type: string): ToxicKind | undefined {
  return registry.get(type);
}

export function toxicTypes(): string[] {
  return [...registry.keys()].sort();
}

registerToxic(latency);
registerToxic(bandwidth);
registerToxic(slowClose);
registerToxic(timeout);
registerToxic(resetPeer);
registerToxic(slicer);
registerToxic(limitData);
registerToxic(drop);
