/** The three moments of a session, each with its own screen. */
export type Moment = 'before' | 'session' | 'discharge';

/** The discharge screen opens by itself this long before the earliest discharge. */
export const DISCHARGE_NEAR_MS = 15 * 60_000;

/** The sitter's own choice of screen, and whether the earliest discharge was near when it was made. */
export interface MomentChoice {
  moment: 'session' | 'discharge';
  whenNear: boolean;
}

export const dischargeNear = (earliestDischargeAt: number | null, now: number) =>
  earliestDischargeAt !== null && earliestDischargeAt - now <= DISCHARGE_NEAR_MS;

/**
 * Which screen the room shows: before the dose, the session, or towards discharge. The discharge screen opens by
 * itself once the earliest discharge is near; the sitter's own choice (one key) wins until that changes.
 */
export function momentOf(
  dosed: boolean,
  earliestDischargeAt: number | null,
  now: number,
  choice: MomentChoice | null,
): Moment {
  if (!dosed) return 'before';
  const near = dischargeNear(earliestDischargeAt, now);
  if (choice && choice.whenNear === near) return choice.moment;
  return near ? 'discharge' : 'session';
}
