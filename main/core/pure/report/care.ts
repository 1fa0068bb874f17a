import type { SessionState } from '../session/fold';
import { presetRules } from '../discharge/rules';
import type { FollowUpCallView, FollowUpDue } from '../care/follow-up';
import { orthostaticHold, orthostaticText } from '../care/orthostatic';

/** The care around the session as the report files it: times stay epoch milliseconds; the view writes them in the clinic's zone. */
export interface CareReport {
  /** The day's rescue check that covers the first dose (or, with no dose, the latest one written into the session). */
  rescueCheck: { day: string; by: string; role: string; checkedAt: number; afterFirstDose: boolean } | null;
  /** The first dose went ahead without the day's rescue check. */
  doseWithoutRescueCheck: { at: number; day: string } | null;
  /** Whether the route's preset asks for the orthostatic check before discharge. */
  orthostaticRequired: boolean;
  orthostatic: { seq: number; at: number; author: string; text: string; hold: string | null; note: string | null }[];
  followUpDue: FollowUpDue | null;
  followUpCalls: FollowUpCallView[];
}

export function careReport(state: SessionState): CareReport {
  const c = state.care;
  const first = state.doses[0];
  const covering = first
    ? c.rescueChecks.filter((r) => r.checkedAt <= first.at && first.at < r.validUntil).at(-1)
    : undefined;
  const check = covering ?? c.rescueChecks.at(-1);
  return {
    rescueCheck: check
      ? {
          day: check.day,
          by: check.by,
          role: check.role,
          checkedAt: check.checkedAt,
          afterFirstDose: Boolean(first && !covering),
        }
      : null,
    doseWithoutRescueCheck: c.doseWithoutRescueCheck
      ? { at: c.doseWithoutRescueCheck.at, day: c.doseWithoutRescueCheck.day }
      : null,
    orthostaticRequired: presetRules(state.preset).orthostaticCheck,
    orthostatic: c.orthostatic.map((o) => ({
      seq: o.seq,
      at: o.at,
      author: o.author,
      text: orthostaticText(o),
      hold: orthostaticHold(o),
      note: o.note ?? null,
    })),
    followUpDue: c.followUpDue
      ? { dueDay: c.followUpDue.dueDay, dueFrom: c.followUpDue.dueFrom, overdueFrom: c.followUpDue.overdueFrom }
      : null,
    followUpCalls: c.followUpCalls,
  };
}
