import { beforeEach, describe, expect, it } from 'vitest';
import { roomCare } from '../../main/board/tile';
import { buildReport } from '../../main/core/pure/report/model';
import { addDays, startOfClinicDay } from '../../main/core/pure/care/clinic-day';
import { followUpCallText } from '../../main/core/pure/care/follow-up';
import { SETTINGS_SOURCES, CLINIC_CONVENTION } from '../../main/core/settings/sources';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

/**
 * The next-day follow-up call, through the bridge on the test clock: every discharged session has a call due on the clinic's
 * next day (Chicago here: T0, 09:00 UTC, is 03:00 there on 2026-11-22). The history lists the calls due and done; recording
 * one is an addendum to the closed session, the only one it takes besides a correction; the report shows it; the chair board
 * counts the calls due.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
  t.room.settings.update({ clinicTimeZone: 'America/Chicago' });
});
const outcome = (env: { ok: boolean; error?: { code: string; message: string } }) =>
  env.ok ? 'accepted' : env.error!.message;
const HOUR = 60 * MIN;
const CALL = { night: 'Slept well, a little tired on waking', adverseEffect: 'no', mood: 'calm, hopeful' } as const;

/** An IM session discharged at T0 + 10 min + 97 min (04:47 in Chicago). */
async function discharged(patientRef = 'AB-1024'): Promise<string> {
  const id = await t.dosedSession('im', 60);
  if (patientRef !== 'AB-1024')
    t.room.db.prepare('UPDATE sessions SET patient_ref = ? WHERE id = ?').run(patientRef, id);
  t.clock.advance(95 * MIN);
  await t.readyButTime(id);
  t.clock.advance(2 * MIN);
  await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
  return id;
}

describe('the follow-up call falls due the day after the discharge', () => {
  it("is due from the clinic's next midnight, overdue the day after; the history lists it due, then done once recorded", async () => {
    const id = await discharged();
    const dueFrom = Date.UTC(2026, 10, 23, 6, 0); // midnight in Chicago (UTC-6 in November)
    expect(t.room.state(id).care.followUpDue).toMatchObject({
      dueDay: '2026-11-23',
      dueFrom,
      overdueFrom: Date.UTC(2026, 10, 24, 6, 0),
    });
    expect(startOfClinicDay(addDays('2026-11-22', 1), 'America/Chicago')).toBe(dueFrom);

    const list = async () => (await t.ok('listFollowUps', {})).map((r) => [r.patientRef, r.dueDay, r.status]);
    expect(await list()).toEqual([['AB-1024', '2026-11-23', 'upcoming']]);
    t.clock.set(dueFrom);
    expect(await list()).toEqual([['AB-1024', '2026-11-23', 'due']]);
    t.clock.set(dueFrom + 24 * HOUR);
    expect(await list()).toEqual([['AB-1024', '2026-11-23', 'overdue']]);

    // Jo Park, switched in to record, makes the call: an addendum to the closed session.
    const call = await t.ok('recordFollowUpCall', { sessionId: id, ...CALL, author: 'Jo Park' });
    expect(call).toMatchObject({ kind: 'follow_up_call', author: 'Jo Park', authorRole: 'therapist' });
    const [row] = await t.ok('listFollowUps', {});
    expect(row).toMatchObject({
      status: 'done',
      call: {
        by: 'Jo Park',
        role: 'therapist',
        night: CALL.night,
        adverseEffect: 'no',
        adverseEffectText: null,
        mood: 'calm, hopeful',
      },
    });
    expect(t.room.sessions.session(id)).toMatchObject({ outcome: 'discharged' });
  });

  it('an adverse effect is recorded with what it was; the report shows the call', async () => {
    const id = await discharged();
    t.clock.advance(20 * HOUR);
    expect(
      outcome(await t.call('recordFollowUpCall', { sessionId: id, ...CALL, adverseEffect: 'yes', author: 'Sam' })),
    ).toBe('Say what the adverse effect was.');
    expect(
      outcome(
        await t.call('recordFollowUpCall', { sessionId: id, ...CALL, adverseEffectText: 'headache', author: 'Sam' }),
      ),
    ).toBe('An adverse effect is described only when the answer is "yes".');
    expect(outcome(await t.call('recordFollowUpCall', { sessionId: id, ...CALL, night: '  ', author: 'Sam' }))).toBe(
      'Enter how the night went.',
    );
    expect(outcome(await t.call('recordFollowUpCall', { sessionId: id, ...CALL, mood: '', author: 'Sam' }))).toBe(
      "Enter the patient's mood.",
    );
    expect(
      outcome(
        await t.call('recordFollowUpCall', { sessionId: id, ...CALL, adverseEffect: 'maybe' as never, author: 'Sam' }),
      ),
    ).toBe('Answer whether there was any adverse effect: yes or no.');
    expect(t.room.state(id).care.followUpCalls).toEqual([]);
    await t.ok('recordFollowUpCall', {
      sessionId: id,
      night: 'Woke at 3, settled again',
      adverseEffect: 'yes',
      adverseEffectText: 'headache until noon, paracetamol helped',
      mood: 'low in the morning, better by lunch',
      author: 'Sam',
    });
    const report = buildReport(t.room.sessions.events(id), t.clock.now());
    expect(report.care.followUpDue).toMatchObject({ dueDay: '2026-11-23' });
    expect(report.care.followUpCalls).toEqual([
      expect.objectContaining({ by: 'Sam', role: 'sitter', adverseEffect: 'yes' }),
    ]);
    expect(followUpCallText(report.care.followUpCalls[0]!)).toBe(
      'Night: Woke at 3, settled again. Adverse effect: yes: headache until noon, paracetamol helped. Mood: low in the morning, better by lunch.',
    );
  });
});

describe('the closed session takes the call, and nothing else new', () => {
  it('a discharged session refuses an observation but takes the follow-up call; a session still open, or left against advice, refuses the call with a sentence', async () => {
    const id = await discharged();
    expect(
      outcome(
        await t.call('recordObservation', { sessionId: id, content: { text: 'called back', tags: [] }, author: 'Sam' }),
      ),
    ).toBe(
      'This session is closed (the patient discharged). Nothing new can be added; to correct an entry, amend it with a reason.',
    );
    expect(outcome(await t.call('recordFollowUpCall', { sessionId: id, ...CALL, author: 'Sam' }))).toBe('accepted');

    t = testRoom();
    const open = await t.dosedSession('im', 60);
    expect(outcome(await t.call('recordFollowUpCall', { sessionId: open, ...CALL, author: 'Sam' }))).toBe(
      'The follow-up call comes after the discharge: this session has not been discharged.',
    );

    t.clock.advance(30 * MIN);
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: open,
      reason: 'Wanted to go home',
      actions: ['risks_explained'],
      ...sign('Dr Kim'),
    });
    expect(outcome(await t.call('recordFollowUpCall', { sessionId: open, ...CALL, author: 'Sam' }))).toBe(
      "This patient left against advice: the next-day follow-up call is recorded for a discharged session. Note any call in the clinic's own record.",
    );
    expect(await t.ok('listFollowUps', {})).toEqual([]);
  });

  it('is recorded as the person recording: a name typed for someone else is refused', async () => {
    const id = await discharged();
    t.room.settings.updatePrivate('recorder', { staffId: 'staff-sam', since: 0 });
    expect(outcome(await t.raw('recordFollowUpCall', { sessionId: id, ...CALL, author: 'Dr Kim' }))).toBe(
      'Sam is recording. To record as Dr Kim, switch to them with their own PIN (Alt+S).',
    );
    expect(outcome(await t.raw('recordFollowUpCall', { sessionId: id, ...CALL, author: 'Sam' }))).toBe('accepted');
  });
});

describe('the chair board', () => {
  it('counts the calls due or overdue in the room, and not those done or not yet due', async () => {
    const first = await discharged();
    const second = await discharged('CD-7');
    const sessions = () => [first, second].map((id) => t.room.sessions.events(id));
    expect(roomCare(sessions(), t.clock.now(), false, 'UTC')).toMatchObject({ followUpsDue: 0 });
    t.clock.set(Date.UTC(2026, 10, 23, 15, 0));
    expect(roomCare(sessions(), t.clock.now(), false, 'UTC')).toMatchObject({ followUpsDue: 2 });
    await t.ok('recordFollowUpCall', { sessionId: second, ...CALL, author: 'Sam' });
    expect(roomCare(sessions(), t.clock.now(), false, 'UTC')).toMatchObject({ followUpsDue: 1 });
  });

  it('the practice has its source line: public, or a clinic convention', () => {
    expect(SETTINGS_SOURCES.rules.followUpCall).toMatch(/Chung F.*https:\/\/doi\.org/);
    expect(SETTINGS_SOURCES.rules.followUpCall).toContain(CLINIC_CONVENTION);
  });
});
