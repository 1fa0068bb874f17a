import type { FollowUpCallView, FollowUpDue } from './follow-up';
import type { OrthostaticPair } from './orthostatic';

/** An orthostatic pair as the session keeps it. */
export interface OrthostaticRecord extends OrthostaticPair {
  seq: number;
  at: number;
  recordedAt: number;
  author: string;
  note?: string;
}

/** The care around the session, folded from its events: the rescue check, the orthostatic checks, the follow-up call. */
export interface CareState {
  /** Each day's rescue check of the room, as written into the session (at its start, or when made while it was open). */
  rescueChecks: {
    seq: number;
    checkId: number;
    day: string;
    checkedAt: number;
    validUntil: number;
    by: string;
    role: string;
  }[];
  /** The first dose went ahead without the day's rescue check (the clinic's rule: advised). */
  doseWithoutRescueCheck: { seq: number; at: number; day: string } | null;
  /** In clinical-time order. */
  orthostatic: OrthostaticRecord[];
  /** Written with the discharge: the clinic's day the follow-up call is due. */
  followUpDue: (FollowUpDue & { seq: number }) | null;
  /** Every follow-up call recorded, in order (an addendum to the closed session). */
  followUpCalls: FollowUpCallView[];
}

export const emptyCareState = (): CareState => ({
  rescueChecks: [],
  doseWithoutRescueCheck: null,
  orthostatic: [],
  followUpDue: null,
  followUpCalls: [],
});

/** The latest orthostatic pair taken at or after `from`; null when none is. */
export const latestOrthostatic = (care: CareState, from: number): OrthostaticRecord | null =>
  care.orthostatic.filter((o) => o.at >= from).at(-1) ?? null;
