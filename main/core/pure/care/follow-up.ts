/**
 * The next-day follow-up call (CLINICAL.md section 12): every discharged session has a call due the clinic's next day. The
 * call (how the night went, any adverse effect, mood, who called) is an addendum to the closed session. Plain data: the
 * history lists the calls, the report shows them, the chair board counts those due.
 */

/** What the room writes with the discharge: the clinic's day the call is due, from when, and when it turns overdue. */
export interface FollowUpDue {
  dueDay: string;
  dueFrom: number;
  overdueFrom: number;
}

export const FOLLOW_UP_STATUSES = ['upcoming', 'due', 'overdue', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  upcoming: 'Due tomorrow',
  due: 'Due today',
  overdue: 'Overdue',
  done: 'Done',
};

/** Where the call stands now: done once one is recorded; otherwise by the clinic's day it is due. */
export function followUpStatus(due: FollowUpDue, called: boolean, now: number): FollowUpStatus {
  if (called) return 'done';
  if (now >= due.overdueFrom) return 'overdue';
  if (now >= due.dueFrom) return 'due';
  return 'upcoming';
}

/** A call is waiting to be made today or is late: what the board counts. */
export const followUpWaiting = (status: FollowUpStatus) => status === 'due' || status === 'overdue';

/** A recorded call, as the history and the report show it. */
export interface FollowUpCallView {
  seq: number;
  at: number;
  by: string;
  role: string | null;
  night: string;
  adverseEffect: 'yes' | 'no';
  adverseEffectText: string | null;
  mood: string;
}

/** "Night: slept well. Adverse effect: none. Mood: calm, hopeful." */
export function followUpCallText(
  c: Pick<FollowUpCallView, 'night' | 'adverseEffect' | 'adverseEffectText' | 'mood'>,
): string {
  const adverse = c.adverseEffect === 'yes' ? `yes: ${c.adverseEffectText ?? ''}` : 'none';
  return `Night: ${c.night}. Adverse effect: ${adverse}. Mood: ${c.mood}.`.replace(/\.\./g, '.');
}

/** A discharged session's follow-up call, as the history lists it. */
export interface FollowUpRow extends FollowUpDue {
  sessionId: string;
  patientRef: string;
  presetId: string;
  dischargedAt: number;
  status: FollowUpStatus;
  /** The latest call recorded; null while none is. */
  call: FollowUpCallView | null;
}
