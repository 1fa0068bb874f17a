/** The one source of "now" for the core. Tests and the browser host's test control swap it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Real time plus an offset that only moves forward or is set explicitly.
 * The browser host's test-only control uses it to run a three-hour session in seconds.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }
  set(epochMs: number): number {
    this.offsetMs = epochMs - this.base.now();
    return this.now();
  }
}

/** A clock that stands still until told to move: for unit tests. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
  set(epochMs: number): void {
    this.current = epochMs;
  }
}
