import fs from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { integrationSummary } from '../../main/core/pure/report/integration';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

/**
 * What a session leaves behind, through the bridge on the test clock: the intention and the moments marked for
 * integration, the summary the therapist approves (signed) before it is given to the patient, the course of a patient's
 * sessions, and what the music did track by track.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
  t.room.settings.update({ clinicTimeZone: 'UTC' });
});
const refusal = (env: { ok: boolean; error?: { code: string; message: string } }) =>
  env.ok ? 'accepted' : `${env.error!.code}: ${env.error!.message}`;

const SET = { setId: 'evening-drift', setName: 'Evening drift' };
/** What the player writes when a track starts (title and artist from the set). */
const start = (sessionId: string, file: string, title: string, artist: string, phase = 'peak' as const) =>
  t.raw('recordMusicEvent', { sessionId, ...SET, action: 'start', phase, file, title, artist, author: 'Music player' });

async function closeDischarged(sessionId: string): Promise<void> {
  for (const alert of t.room.state(sessionId).alerts.filter((a) => !a.acknowledged))
    await t.ok('acknowledgeAlert', {
      sessionId,
      targetSeq: alert.entrySeq,
      signal: alert.signal,
      note: 'seen, watched',
      author: 'Dr Kim',
      ...(alert.level === 'urgent' ? sign('Dr Kim') : {}),
    });
  t.clock.advance(95 * MIN);
  await t.readyButTime(sessionId);
  t.clock.advance(2 * MIN);
  await t.ok('discharge', { sessionId, ...sign('Dr Kim') });
}

describe('moments for integration and the intention', () => {
  it('a moment waits for the dose; during the session it keeps its time and the patient words, and the intention its text', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'AB-1024',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Jo Park',
      sitter: 'Sam',
    });
    const id = view.session.id;
    expect(refusal(await t.call('recordIntegrationMoment', { sessionId: id, author: 'Sam' }))).toBe(
      'not_dosed: A moment for integration is marked during the medicine session: record the dose first, or write a note.',
    );
    expect(refusal(await t.call('recordIntention', { sessionId: id, text: '   ', author: 'Jo Park' }))).toMatch(
      /Type the intention the patient set for the session\./,
    );
    await t.ok('recordIntention', { sessionId: id, text: 'To meet my grief with kindness', author: 'Jo Park' });
    expect(t.room.state(id).integration.intention).toMatchObject({ text: 'To meet my grief with kindness' });
  });
});

describe('the integration summary', () => {
  async function sessionWithMoments() {
    const id = await t.dosedSession('im', 60);
    await t.ok('recordIntention', { sessionId: id, text: 'To meet my grief with kindness', author: 'Jo Park' });
    await start(id, 'tracks/low-tide.flac', 'Low Tide', 'Mara Vell');
    t.clock.advance(12 * MIN);
    await t.ok('addMark', { sessionId: id, mark: 'peak_reached', author: 'Jo Park' });
    t.clock.advance(3 * MIN);
    const quoted = await t.ok('recordIntegrationMoment', {
      sessionId: id,
      quote: 'I am the ocean and the boat',
      author: 'Sam',
    });
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 186, diastolic: 96, heartRate: 88 },
      author: 'Sam',
    });
    t.clock.advance(10 * MIN);
    await t.raw('recordMusicEvent', { sessionId: id, ...SET, action: 'pause', phase: 'peak', author: 'Jo Park' });
    t.clock.advance(1 * MIN);
    const silent = await t.ok('recordIntegrationMoment', { sessionId: id, author: 'Jo Park' });
    t.clock.advance(1 * MIN);
    await start(id, 'tracks/morning.flac', 'Morning Light', 'Ode Sun', 'peak');
    t.clock.advance(10 * MIN);
    await t.ok('addMark', { sessionId: id, mark: 'returning', author: 'Jo Park' });
    const third = await t.ok('recordIntegrationMoment', { sessionId: id, quote: 'Mum was there', author: 'Sam' });
    return { id, quoted: quoted.seq, silent: silent.seq, third: third.seq };
  }

  it('holds the intention, the arc in plain words, each moment with its quote and music, and nothing clinical', async () => {
    const { id, quoted, silent } = await sessionWithMoments();
    const summary = integrationSummary(t.room.state(id), 'UTC');
    expect(summary.intention).toBe('To meet my grief with kindness');
    expect(summary.arc).toEqual([
      'The medicine began at 09:10.',
      'The peak of the experience came at 09:22, 12 minutes in.',
      'The return began at 09:47, 37 minutes in.',
    ]);
    expect(summary.moments.map((m) => [m.seq, m.clock, m.sinceDoseMin, m.quote, m.music])).toEqual([
      [quoted, '09:25', 15, 'I am the ocean and the boat', { title: 'Low Tide', artist: 'Mara Vell' }],
      // The music was paused: the moment says no track.
      [silent, '09:36', 26, null, null],
      [expect.any(Number), '09:47', 37, 'Mum was there', { title: 'Morning Light', artist: 'Ode Sun' }],
    ]);
    // The high blood pressure and its alert are in the record, never in the summary.
    expect(t.room.state(id).alerts.length).toBeGreaterThan(0);
    const text = JSON.stringify(summary);
    for (const clinical of ['186', 'systolic', 'MOAA', 'alert', 'LOT-1']) expect(text).not.toContain(clinical);
    expect(summary.approval).toBeNull();
  });

  it('only the therapist approves it, signed with their PIN, once the session is closed; the clinic receives the signed event', async () => {
    const { id, silent } = await sessionWithMoments();
    const approve = (extra: Record<string, unknown>) =>
      t.call('approveIntegrationSummary', { sessionId: id, leftOut: [], ...extra } as never);
    // While the session is open: refused with what to do.
    expect(refusal(await approve(sign('Jo Park')))).toBe(
      'not_ready: The integration summary is approved once the session is closed: close the session, then review and approve it.',
    );
    await closeDischarged(id);
    // Unsigned, a sitter's or a clinician's signature, a wrong PIN: refused, each with its sentence.
    expect(refusal(await approve({}))).toMatch(/Enter the person signing's name\./);
    expect(refusal(await approve(sign('Sam')))).toBe(
      'not_permitted: Only a therapist may approve the integration summary to be given to the patient. Sam is on the staff list as a sitter: ask Jo Park to sign.',
    );
    expect(refusal(await approve(sign('Dr Kim')))).toMatch(
      /^not_permitted: .*Dr Kim is on the staff list as a clinician/,
    );
    expect(refusal(await approve({ signer: 'Jo Park', pin: '999999' }))).toBe(
      'wrong_pin: That name and PIN do not match. Try again.',
    );
    expect(integrationSummary(t.room.state(id), 'UTC').approval).toBeNull();

    // The therapist leaves the moment without words out and adds a note for the integration session.
    const event = await t.ok('approveIntegrationSummary', {
      sessionId: id,
      leftOut: [silent],
      note: 'Bring the ocean image to our next meeting.',
      ...sign('Jo Park'),
    });
    expect(event).toMatchObject({
      kind: 'integration_approved',
      author: 'Jo Park',
      authorRole: 'therapist',
      payload: {
        leftOut: [silent],
        note: 'Bring the ocean image to our next meeting.',
        signature: {
          name: 'Jo Park',
          role: 'therapist',
          meaning: 'approved the integration summary to be given to the patient (1 moment left out)',
        },
      },
    });
    const summary = integrationSummary(t.room.state(id), 'UTC');
    expect(summary.approval).toMatchObject({ by: 'Jo Park', role: 'therapist' });
    expect(summary.moments.filter((m) => m.leftOut).map((m) => m.seq)).toEqual([silent]);
    expect(summary.note).toBe('Bring the ocean image to our next meeting.');
    expect(summary.arc.at(-1)).toMatch(/^The session ended at \d\d:\d\d\.$/);
    // What the sync worker sends the clinic database: the event in the outbox, with its signer and role, and no PIN.
    const sent = t.room.db
      .prepare(
        'SELECT e.kind, e.author, e.author_role, e.payload FROM outbox o JOIN events e ON e.session_id = o.session_id AND e.seq = o.seq WHERE e.seq = ? AND e.session_id = ?',
      )
      .get(event.seq, id) as { kind: string; author: string; author_role: string; payload: string };
    expect(sent).toMatchObject({ kind: 'integration_approved', author: 'Jo Park', author_role: 'therapist' });
    expect(sent.payload).not.toContain('246802');
    // The report lists the signature with the others.
    const log = JSON.parse(
      fs.readFileSync((await t.ok('exportSession', { sessionId: id, format: 'json' })).path, 'utf8'),
    ) as { integrationSummary: { approval: { by: string }; moments: unknown[] }; course: { sessionId: string }[] };
    expect(log.integrationSummary.approval.by).toBe('Jo Park');
    expect(log.integrationSummary.moments).toHaveLength(3);
    expect(log.course.map((r) => r.sessionId)).toEqual([id]);
  });
});

describe('the course of a patient', () => {
  it('has one row per session of the patient, oldest first, with what the next dose is chosen on', async () => {
    const first = await t.dosedSession('im', 60);
    await t.ok('recordScore', { sessionId: first, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    await t.ok('recordVitals', { sessionId: first, values: { systolic: 172, diastolic: 98 }, author: 'Sam' });
    await closeDischarged(first);
    t.clock.advance(20 * 60 * MIN);
    await t.ok('recordFollowUpCall', {
      sessionId: first,
      night: 'Slept badly',
      adverseEffect: 'yes',
      adverseEffectText: 'headache until noon',
      mood: 'tired',
      author: 'Jo Park',
    });
    t.clock.advance(7 * 24 * 60 * MIN);
    const second = await t.dosedSession('im', 50);
    await t.ok('recordScore', {
      sessionId: second,
      content: {
        scale: 'cadss6',
        items: [1, 2, 6, 7, 15, 22].map((item) => ({ item, answer: 2 })),
      },
      author: 'Sam',
    });
    t.clock.advance(20 * MIN);
    await t.ok('recordVitals', { sessionId: second, values: { systolic: 128, diastolic: 82 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: second, content: { scale: 'moaas', score: 4 }, author: 'Sam' });
    await t.ok('recordDose', { sessionId: second, mg: 20, booster: true, ...sign('Dr Kim') });
    await closeDischarged(second);
    // Another patient's session is not in the course.
    t.clock.advance(60 * MIN);
    await t.ok('startSession', { patientRef: 'ZZ-9', presetId: 'im', plannedDoseMg: 60, therapist: 'Jo Park' });

    const course = await t.ok('getPatientCourse', { patientRef: 'ab-1024' });
    expect(course.map((r) => r.sessionId)).toEqual([first, second]);
    expect(course[0]).toMatchObject({
      route: 'IM injection',
      doseMg: 60,
      boostersMg: [],
      lowestMoaas: 3,
      highestBp: { systolic: 172, diastolic: 98 },
      readyToLeaveMin: 97,
      outcome: 'discharged',
      adverseEffect: 'headache until noon',
      followUp: { night: 'Slept badly', mood: 'tired' },
    });
    expect(course[0]!.alerts.warning).toBeGreaterThan(0);
    expect(course[0]!.attention).toContain('adverse effect: headache until noon');
    expect(course[1]).toMatchObject({
      doseMg: 50,
      lowestMoaas: 4,
      boostersMg: [20],
      totalMg: 70,
      highestCadss: 12,
      followUp: null,
    });
    // The booster moves the time to ready from the last dose.
    expect(course[1]!.readyToLeaveMin).toBe(97);
    expect(refusal(await t.call('getPatientCourse', { patientRef: 'QQ-1' }))).toBe(
      'no_such_patient: No session in this room has the patient reference "QQ-1": check the chart ID or initials.',
    );
  });
});

describe('what the music did', () => {
  it('counts each track played, skipped, held and resonated, per set and phase, across sessions, for the admin', async () => {
    for (let n = 0; n < 2; n++) {
      const id = await t.dosedSession('im', 60);
      await start(id, 'tracks/low-tide.flac', 'Low Tide', 'Mara Vell');
      await t.raw('recordMusicEvent', {
        sessionId: id,
        ...SET,
        action: 'resonated',
        phase: 'peak',
        file: 'tracks/low-tide.flac',
        title: 'Low Tide',
        artist: 'Mara Vell',
        author: 'Jo Park',
      });
      await t.raw('recordMusicEvent', { sessionId: id, ...SET, action: 'hold', phase: 'peak', author: 'Jo Park' });
      await start(id, 'tracks/bright.flac', 'Bright', 'Kay');
      await t.raw('recordMusicEvent', {
        sessionId: id,
        ...SET,
        action: 'skip',
        phase: 'peak',
        file: 'tracks/bright.flac',
        title: 'Bright',
        author: 'Jo Park',
      });
      // Picked up again after a reload: the same playing, not another.
      await t.raw('recordMusicEvent', {
        sessionId: id,
        ...SET,
        action: 'start',
        phase: 'return',
        file: 'tracks/low-tide.flac',
        title: 'Low Tide',
        fromSec: 40,
        author: 'Music player',
      });
      await closeDischarged(id);
    }
    expect(refusal(await t.call('getMusicCounts', { adminKey: '0'.repeat(48) }))).toMatch(/admin/i);
    await t.ok('setAdminPin', { pin: '2580' });
    const { adminKey } = await t.ok('unlockAdmin', { pin: '2580' });
    const counts = await t.ok('getMusicCounts', { adminKey });
    expect(counts['evening-drift']!['tracks/low-tide.flac']).toEqual({
      all: { played: 2, skipped: 0, held: 2, resonated: 2 },
      phases: { peak: { played: 2, skipped: 0, held: 2, resonated: 2 } },
    });
    expect(counts['evening-drift']!['tracks/bright.flac']!.all).toEqual({
      played: 2,
      skipped: 2,
      held: 0,
      resonated: 0,
    });
  });
});
