/** The one source of "now" for the core. Tests and the browser host's test control swap it. */
export interface Clock {
  now(): number;
  /** A count of milliseconds that only moves forward with real time, whatever the computer's clock does. */
  monotonic?(): number;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

/**
 * Real time plus an offset that only moves forward or is set explicitly.
 * The browser host's test-only control uses it to run a three-hour session in seconds: time passing, not a
 * jump of the computer's clock, so the monotonic count moves with it.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
  monotonic(): number {
    return (this.base.monotonic?.() ?? this.base.now()) + this.offsetMs;
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

/** A clock that stands still until told to move: for unit tests. `jumpWall` moves the computer's clock alone. */
export class ManualClock implements Clock {
  private mono: number;
  constructor(private current: number) {
    this.mono = current;
  }
  now(): number {
    return this.current;
  }
  monotonic(): number {
    return this.mono;
  }
  advance(ms: number): number {
    this.current += ms;
    this.mono += ms;
    return this.current;
  }
  set(epochMs: number): void {
    this.mono += epochMs - this.current;
    this.current = epochMs;
  }
  /** The computer's clock is changed (by hand, a time zone error, a sync): real time did not pass. */
  jumpWall(ms: number): void {
    this.current += ms;
  }
}

/** A difference between the computer's clock and the room's own count beyond this is a clock jump. */
export const CLOCK_JUMP_MS = 2 * 60_000;

/**
 * The room's time: the computer's clock when the room opened, moved on by the monotonic count. A jump of the
 * computer's clock (more than 2 minutes either way) does not move it, so elapsed time and the discharge rules
 * stay true and no entry lands before the dose because of a jump; `drift()` says how far the computer's clock is off.
 */
export class SteadyClock implements Clock {
  private anchorWall: number;
  private readonly anchorMono: number;
  constructor(readonly wall: Clock) {
    this.anchorWall = wall.now();
    this.anchorMono = this.mono();
  }
  private mono(): number {
    return this.wall.monotonic?.() ?? this.wall.now();
  }
  now(): number {
    return Math.round(this.anchorWall + (this.mono() - this.anchorMono));
  }
  /** The computer's clock minus the room's time. */
  drift(): number {
    return this.wall.now() - this.now();
  }
  /** Re-counts from an offset already known (a jump recorded before the room was restarted). */
  shift(ms: number): void {
    this.anchorWall += ms;
  }
}
