// A toxic changes the traffic of one direction of a connection. Like
// Toxiproxy's toxics/toxic.go: one required method (pipe) and optional
// capabilities (end, activate, newState). Its attributes are the API's JSON,
// each a non-negative integer in the unit its spec states.
//
//   source ─▶ queue ─▶ toxic 1 ─▶ toxic 2 ─▶ … ─▶ destination
//                       pipe(chunk) ──emit──▶ pipe(chunk)
//
// A link passes one chunk at a time down the chain (emit resolves once the
// chunk is accepted downstream), so order is kept and backpressure reaches the
// source. Latency counts from the time the chunk was read (`t`), so chunks
// waiting one after the other still arrive `latency` after they were read.

/** A piece of the stream and the time it was read (performance.now(), ms). */
export interface Chunk {
  readonly data: Buffer;
  t: number;
}

/** One toxic on one link: its live attributes, per-connection state and controls. */
export interface ToxicRun<K extends string, S = undefined> {
  /** The current attributes; an API update changes them in place. */
  readonly attributes: Readonly<Record<K, number>>;
  readonly state: S;
  /** False once the toxic is removed, no longer applies (toxicity) or the connection is closing. */
  readonly active: boolean;
  /** Uniform in [0, 1), from the server's seedable source. */
  random(): number;
  /** Passes a chunk to the rest of the chain; resolves when it was accepted. */
  emit(chunk: Chunk): Promise<void>;
  /** True if `ms` elapsed; false if interrupted first (the toxic updated or removed, the connection closing). */
  sleep(ms: number): Promise<boolean>;
  /** Resolves at the next interruption. */
  interrupted(): Promise<void>;
  /** Ends the connection gracefully after what was already emitted. */
  close(): void;
  /** Resets (RST) both sides of the connection. */
  reset(): void;
}

export interface AttributeSpec {
  readonly unit: 'ms' | 'µs' | 'KB/s' | 'bytes';
}

/**
 * The longest wait a toxic can ask for: Node's timers hold at most 2^31−1 ms
 * (about 24.8 days) and fire after 1 ms beyond that, so a longer `latency`
 * would have been no latency at all.
 */
export const maxTimerMs = 2 ** 31 - 1;

/** The largest value of an attribute in each unit: durations up to maxTimerMs, the rest up to 2^53−1. */
export const attributeMaximum: Readonly<Record<AttributeSpec['unit'], number>> = {
  ms: maxTimerMs,
  µs: maxTimerMs * 1000,
  'KB/s': Number.MAX_SAFE_INTEGER,
  bytes: Number.MAX_SAFE_INTEGER,
};

export interface ToxicKind<K extends string = string, S = unknown> {
  /** The API's type name, e.g. "latency". */
  readonly type: string;
  readonly attributes: Readonly<Record<K, AttributeSpec>>;
  /** Required: handle one chunk, passing on what should go on with run.emit. */
  pipe(chunk: Chunk, run: ToxicRun<K, S>): Promise<void>;
  /** The source ended: resolve when the end may pass on (slow_close). */
  end?(run: ToxicRun<K, S>): Promise<void>;
  /** The toxic starts on a connection (again after an update); returns its stop function. */
  activate?(run: ToxicRun<K, S>): (() => void) | undefined;
  /** Per-connection state, kept across updates. */
  newState?(): S;
}

/** Infers the attribute names from the spec, so pipe sees them typed. */
export function defineToxic<K extends string, S = undefined>(kind: ToxicKind<K, S>): ToxicKind<K, S> {
  return kind;
}
