import type { SessionState } from '../pure/session/fold';
import type { EventKind } from '../session/events';

const OUTCOME_WORDS = {
  discharged: 'the patient discharged',
  left_against_advice: 'the patient left against medical advice',
  no_dose: 'no dose given',
} as const;

/** What may still be written once the patient has left against advice and the session waits for its REMS form: addenda. */
const AFTER_LEAVING: ReadonlySet<EventKind> = new Set([
  'amendment',
  'rems_answers',
  'rems_filed',
  'alert_ack',
  'session_closed',
  'recorder_changed',
  'time_unconfirmed',
  'time_confirmed',
  'clock_jump',
  'music',
  'integration_approved',
]);

/** What a closed session still takes: addenda to the record (corrections; the REMS form's changed answers and its filing). */
const AFTER_CLOSING: ReadonlySet<EventKind> = new Set(['amendment', 'rems_answers', 'rems_filed']);

/**
 * After a session is closed only amendments (each with its reason) and the REMS form's addenda are taken; after the patient left against advice,
 * only addenda (corrections, the REMS form's answers, an alert's acknowledgement): no dose, no new observation of a
 * patient who is gone. The sentence refusing anything else, or null.
 */
export function closedRefusal(state: SessionState, kind: EventKind): string | null {
  const closed = state.discharge.closed;
  // The next-day follow-up call is the one addendum a discharged session takes besides a correction.
  if (closed && kind === 'follow_up_call' && closed.outcome === 'discharged') return null;
  // The integration summary is reviewed and approved after the session, whatever its end.
  if (kind === 'integration_approved') return null;
  if (closed)
    return AFTER_CLOSING.has(kind)
      ? null
      : `This session is closed (${OUTCOME_WORDS[closed.outcome]}). Nothing new can be added; to correct an entry, amend it with a reason.`;
  const left = state.discharge.leftAgainstAdvice;
  if (!left || AFTER_LEAVING.has(kind)) return null;
  return 'The patient has left against advice: nothing more is given or observed in this session. Complete its REMS form, correct an entry with a reason, or close the session.';
}
