import type { SessionState } from '../pure/session/fold';
import type { EventKind } from '../session/events';

const OUTCOME_WORDS = { discharged: 'the patient discharged', left_against_advice: 'the patient left against medical advice', no_dose: 'no dose given' } as const;

/** After a session is closed only amendments (each with its reason) are taken: the sentence refusing anything else, or null. */
export function closedRefusal(state: SessionState, kind: EventKind): string | null {
  const closed = state.discharge.closed;
  if (!closed || kind === 'amendment') return null;
  return `This session is closed (${OUTCOME_WORDS[closed.outcome]}). Nothing new can be added; to correct an entry, amend it with a reason.`;
}
