/** The three moments of a session, each with its own screen. */
export type Moment = 'before' | 'session' | 'discharge';

/** The discharge screen opens by itself this long before the earliest discharge. */
export const DISCHARGE_NEAR_MS = 15 * 60_000;

/**
 * Which screen the room shows: before the dose, the session, or towards discharge. The discharge screen opens by
 * itself once the earliest discharge is near; the sitter's own choice (one key) wins either way.
 */
export function momentOf(dosed: boolean, earliestDischargeAt: number | null, now: number, chosen: 'session' | 'discharge' | null): Moment {
  if (!dosed) return 'before';
  if (chosen) return chosen;
  return earliestDischargeAt !== null && earliestDischargeAt - now <= DISCHARGE_NEAR_MS ? 'discharge' : 'session';
}
