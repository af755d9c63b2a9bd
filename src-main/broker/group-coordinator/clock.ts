/**
 * Time for the group coordinator: the current time and one-shot timers behind one small interface, so the
 * state machine stays pure and tests drive it with a manual clock instead of real waiting.
 */

/** Cancels a scheduled callback; calling it after the callback ran is harmless. */
export type Cancel = () => void;

export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `delayMs`. */
  schedule(delayMs: number, fn: () => void): Cancel;
}

/** Real time; timers are unref'd so a coordinator never keeps the process alive on its own. */
export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  schedule(delayMs, fn) {
    const t = setTimeout(fn, Math.max(0, delayMs));
    t.unref?.();
    return () => clearTimeout(t);
  },
};

interface Pending { at: number; seq: number; fn: () => void; cancelled: boolean }

/** A clock that moves only when told to; due timers fire in time order (ties in scheduling order). */
export class ManualClock implements Scheduler {
  private time: number;
  private seq = 0;
  private timers: Pending[] = [];

  constructor(start = 1_700_000_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(delayMs: number, fn: () => void): Cancel {
    const p: Pending = { at: this.time + Math.max(0, delayMs), seq: this.seq++, fn, cancelled: false };
    this.timers.push(p);
    return () => { p.cancelled = true; };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, at its own due time. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers = this.timers.filter((t) => !t.cancelled);
      let next: Pending | undefined;
      for (const t of this.timers) {
        if (t.at <= end && (next === undefined || t.at < next.at || (t.at === next.at && t.seq < next.seq))) next = t;
      }
      if (next === undefined) break;
      this.time = Math.max(this.time, next.at);
      next.cancelled = true;
      next.fn();
    }
    this.time = end;
  }

  /** Number of live timers (for tests that check nothing is left behind). */
  pendingTimers(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }
}
