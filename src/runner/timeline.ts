import type { Clock } from '../clock/clock.ts';

export interface TimelineEvent {
  /** Milliseconds since the scenario started, on the monotonic clock. */
  readonly t: number;
  readonly at: string;
  readonly kind: string;
  readonly detail: Record<string, unknown>;
}

export interface Timeline {
  /** Monotonic ms since the timeline began. */
  elapsed(): number;
  record(kind: string, detail?: Record<string, unknown>): TimelineEvent;
  readonly events: readonly TimelineEvent[];
}

export function createTimeline(clock: Clock, onEvent: (event: TimelineEvent) => void = () => {}): Timeline {
  const origin = clock.now();
  const events: TimelineEvent[] = [];
  const elapsed = () => Math.round(clock.now() - origin);
  return {
    elapsed,
    events,
    record(kind, detail = {}) {
      const event = { t: elapsed(), at: clock.wallTime().toISOString(), kind, detail };
      events.push(event);
      onEvent(event);
      return event;
    },
  };
}
