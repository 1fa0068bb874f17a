import type { StoredEvent } from '../../session/events';
import type { CareState } from './state';

const CARE_KINDS = new Set<string>([
  'rescue_check',
  'rescue_check_missing',
  'orthostatic',
  'follow_up_due',
  'follow_up_call',
]);
export type CareEvent = Extract<
  StoredEvent,
  { kind: 'rescue_check' | 'rescue_check_missing' | 'orthostatic' | 'follow_up_due' | 'follow_up_call' }
>;
export const isCareEvent = (e: StoredEvent): e is CareEvent => CARE_KINDS.has(e.kind);

/** The fold's step for the care events: the rescue check, the orthostatic checks and the follow-up call. */
export function applyCareEvent(c: CareState, e: CareEvent): void {
  switch (e.kind) {
    case 'rescue_check':
      c.rescueChecks.push({
        seq: e.seq,
        checkId: e.payload.checkId,
        day: e.payload.day,
        checkedAt: e.payload.checkedAt,
        validUntil: e.payload.validUntil,
        by: e.payload.by,
        role: e.payload.role,
      });
      break;
    case 'rescue_check_missing':
      c.doseWithoutRescueCheck = { seq: e.seq, at: e.occurredAt, day: e.payload.day };
      break;
    case 'orthostatic': {
      const record = {
        seq: e.seq,
        at: e.occurredAt,
        recordedAt: e.recordedAt,
        author: e.author,
        lying: e.payload.lying,
        standing: e.payload.standing,
        symptoms: e.payload.symptoms,
        ...(e.payload.note ? { note: e.payload.note } : {}),
      };
      let i = c.orthostatic.length;
      while (i > 0 && c.orthostatic[i - 1]!.at > record.at) i--;
      c.orthostatic.splice(i, 0, record);
      break;
    }
    case 'follow_up_due':
      c.followUpDue = {
        seq: e.seq,
        dueDay: e.payload.dueDay,
        dueFrom: e.payload.dueFrom,
        overdueFrom: e.payload.overdueFrom,
      };
      break;
    case 'follow_up_call':
      c.followUpCalls.push({
        seq: e.seq,
        at: e.occurredAt,
        by: e.author,
        role: e.authorRole ?? null,
        night: e.payload.night,
        adverseEffect: e.payload.adverseEffect,
        adverseEffectText: e.payload.adverseEffectText ?? null,
        mood: e.payload.mood,
      });
      break;
  }
}
