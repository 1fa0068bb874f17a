import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { openRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { foldSession } from '../../main/core/pure/session/fold';
import type { Envelope, SessionView } from '../../main/core/contract/contract';
import { tempDataDir } from '../support/host-process';
import { answerDayOfChecklist } from '../support/checklist';
import { dispatchAsAuthor, seedStaff, sign } from '../support/staff';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0);
let clock: ManualClock;
let room: Room;
let dataDir: string;

const call = (method: string, args: unknown) => dispatchAsAuthor(room)(method, args);
const eventCount = () => (room.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

async function started(): Promise<SessionView> {
  const env = (await call('startSession', {
    patientRef: 'AB-1024',
    presetId: 'sublingual',
    plannedDoseMg: 150,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  })) as Envelope<SessionView>;
  if (!env.ok) throw new Error(env.error.message);
  await answerDayOfChecklist(call, env.value.session.id, 'sublingual');
  await call('recordVitals', {
    sessionId: env.value.session.id,
    values: { systolic: 120, diastolic: 80 },
    author: 'Sam',
  }); // the pre-dose BP the dose needs
  return env.value;
}

beforeEach(() => {
  clock = new ManualClock(T0);
  dataDir = tempDataDir();
  room = openRoom({ dataDir, clock, settingsBackend: null });
  seedStaff(room);
});

describe('bridge arguments are validated before any room code runs', () => {
  const invalid: [string, unknown, RegExp][] = [
    [
      'startSession',
      { patientRef: '', presetId: 'sublingual', plannedDoseMg: 150, therapist: 'Dr Kim' },
      /Enter a patient reference/,
    ],
    [
      'startSession',
      { patientRef: 'AB', presetId: 'rectal', plannedDoseMg: 150, therapist: 'Dr Kim' },
      /Choose the route/,
    ],
    [
      'startSession',
      { patientRef: 'AB', presetId: 'im', plannedDoseMg: '150', therapist: 'Dr Kim' },
      /planned dose in mg as a number/,
    ],
    ['startSession', { patientRef: 'AB', presetId: 'im', plannedDoseMg: 15000, therapist: 'Dr Kim' }, /typing error/],
    [
      'startSession',
      { patientRef: 'AB', presetId: 'im', plannedDoseMg: 100, therapist: 'Dr Kim', sql: 'DROP TABLE events' },
      /fields this room does not know/,
    ],
    [
      'recordDose',
      { sessionId: 'not-a-session', mg: 100, booster: false, ...sign('Dr Kim') },
      /session reference is not valid/,
    ],
    ['getRoom', 'not an object', /./],
    [
      'listSessions',
      { patientRef: 'X'.repeat(41) },
      /^The patient ref is too long or too large \(at most 40\)\. Shorten or correct it, and try again\.$/,
    ],
    [
      'recordCheckIn',
      { sessionId: '00000000-0000-4000-8000-000000000000', note: 'n'.repeat(501), author: 'Sam' },
      /^The note is too long or too large \(at most 500\)/,
    ],
    [
      'addMark',
      { sessionId: '00000000-0000-4000-8000-000000000000', mark: 'returning', occurredAt: 1.5, author: 'Sam' },
      /^The time is not valid\. Enter it as hours and minutes\.$/,
    ],
    ['deleteEverything', {}, /does not offer "deleteEverything"/],
  ];
  for (const [method, args, message] of invalid) {
    it(`${method} with ${JSON.stringify(args).slice(0, 60)} is refused with a sentence and nothing is written`, async () => {
      const env = await call(method, args);
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.message).toMatch(message);
        expect(env.error.message).not.toMatch(/at .*\.ts:\d+/);
      }
      expect(eventCount()).toBe(0);
    });
  }

  it('a dose for a session that is valid in form but wrong in fact is refused and nothing is written', async () => {
    const view = await started();
    const before = eventCount();
    const early = await call('recordDose', { sessionId: view.session.id, mg: 50, booster: true, ...sign('Dr Kim') });
    expect(early).toMatchObject({ ok: false, error: { message: 'Record the first dose before a booster.' } });
    const future = await call('recordDose', {
      sessionId: view.session.id,
      mg: 50,
      booster: false,
      ...sign('Dr Kim'),
      occurredAt: T0 + 30 * MIN,
    });
    expect(future).toMatchObject({ ok: false, error: { message: expect.stringMatching(/in the future/) } });
    const mark = await call('addMark', { sessionId: view.session.id, mark: 'peak_reached', author: 'Sam' });
    expect(mark).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Record the dose first/) } });
    expect(eventCount()).toBe(before);
  });
});

describe('a session: start, dose, booster, marks, folded from its log', () => {
  it('records the dose at now by default and a late entry at its real time, marked late', async () => {
    const { session } = await started();
    clock.advance(15 * MIN);
    const dose = await call('recordDose', {
      sessionId: session.id,
      mg: 150,
      booster: false,
      ...sign('Dr Kim'),
      occurredAt: T0 + 5 * MIN,
      lot: 'L-77',
    });
    expect(dose.ok).toBe(true);
    clock.advance(45 * MIN);
    // A booster waits for a recent BP and a MOAA/S of 4 or more.
    await call('recordVitals', { sessionId: session.id, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    await call('recordScore', { sessionId: session.id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    expect((await call('recordDose', { sessionId: session.id, mg: 50, booster: true, ...sign('Dr Kim') })).ok).toBe(
      true,
    );
    await call('addMark', { sessionId: session.id, mark: 'peak_reached', author: 'Sam' });

    const state = foldSession(room.sessions.events(session.id))!;
    expect(state.doses).toEqual([
      expect.objectContaining({
        at: T0 + 5 * MIN,
        recordedAt: T0 + 15 * MIN,
        mg: 150,
        booster: false,
        lot: 'L-77',
        late: true,
      }),
      expect.objectContaining({ at: T0 + 60 * MIN, recordedAt: T0 + 60 * MIN, mg: 50, booster: true, late: false }),
    ]);
    expect(state.marks).toEqual([expect.objectContaining({ kind: 'peak_reached', at: T0 + 60 * MIN, author: 'Sam' })]);
    expect(state.status).toBe('dosed');
    expect(room.hasDosedSession()).toBe(true);
  });

  it('refuses a second first dose and a second session while one is in progress', async () => {
    const { session } = await started();
    await call('recordDose', { sessionId: session.id, mg: 150, booster: false, ...sign('Dr Kim') });
    expect(
      await call('recordDose', { sessionId: session.id, mg: 150, booster: false, ...sign('Dr Kim') }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Record this one as a booster/) } });
    expect(
      await call('startSession', { patientRef: 'ZZ', presetId: 'im', plannedDoseMg: 50, therapist: 'Dr Kim' }),
    ).toMatchObject({ ok: false, error: { code: 'session_in_progress' } });
  });

  it('the session in progress is found again after the room is reopened on the same data', async () => {
    const { session } = await started();
    await call('recordDose', { sessionId: session.id, mg: 150, booster: false, ...sign('Dr Kim') });
    room.db.close();
    room = openRoom({ dataDir, clock, settingsBackend: null });
    seedStaff(room);
    const info = await call('getRoom', {});
    expect(info).toMatchObject({ ok: true, value: { activeSessionId: session.id } });
  });

  it('pushes each new event to listeners after it is stored', async () => {
    const seen: number[] = [];
    room.onPush((_channel, payload) => {
      if ('event' in payload) seen.push(payload.event.seq);
    });
    const { session } = await started();
    await call('recordDose', { sessionId: session.id, mg: 150, booster: false, ...sign('Dr Kim') });
    // The start, the day-of checklist answers and the dose: every one pushed, once, in order.
    expect(seen).toEqual(room.sessions.events(session.id).map((e) => e.seq));
    expect(seen.at(-1)).toBe(eventCount());
  });

  it('the fold ignores nothing and reorders nothing: the same events give the same state', async () => {
    const { session } = await started();
    await call('recordDose', { sessionId: session.id, mg: 150, booster: false, ...sign('Dr Kim') });
    const events = room.sessions.events(session.id);
    expect(foldSession(events)).toEqual(foldSession(structuredClone(events)));
    expect(foldSession(events.slice(1))).toBeNull();
  });
});
