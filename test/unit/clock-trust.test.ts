import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { closeRoom } from '../../main/core/open-room';
import type { Room } from '../../main/core/room';
import { openHostSettings } from '../../main/host/settings-backend';
import { answerDayOfChecklist } from '../support/checklist';
import { MIN, recordReadyButTime, T0 } from '../support/room';
import { roomOn } from '../support/damaged-room';
import { tempDataDir } from '../support/host-process';
import { sign } from '../support/staff';

/**
 * The room's time after a restart: a real data folder (SQLite and the settings file) closed and opened again on the
 * same test clock, as a crash or a reboot does. The computer's clock is moved with jumpWall (set wrong, or set right).
 */
const roomAt = (dataDir: string, clock: ManualClock) => roomOn(dataDir, openHostSettings(dataDir), clock);
type R = ReturnType<typeof roomAt>;

/** An IM session dosed at T0 + 10 min, with a baseline before it. */
async function imSession(t: R, clock: ManualClock): Promise<string> {
  const view = await t.ok('startSession', {
    patientRef: 'AB-1024',
    presetId: 'im',
    plannedDoseMg: 60,
    therapist: 'Dr Kim',
    sitter: 'Sam',
  });
  const id = view.session.id;
  await answerDayOfChecklist(t.ok, id, 'im');
  clock.advance(5 * MIN);
  await t.ok('recordVitals', {
    sessionId: id,
    values: { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14 },
    author: 'Sam',
  });
  clock.advance(5 * MIN);
  await t.ok('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') });
  return id;
}

const readyButTime = (t: R, id: string) => recordReadyButTime(t.ok, id);

const elapsedMin = (room: Room, id: string) => Math.round((room.clock.now() - room.state(id).doses[0]!.at) / MIN);

describe("the room's clock after a restart", () => {
  it('a jump recorded, the clock then set right and the room restarted: the time is in doubt until a clinician confirms it, signed; then the true time counts', async () => {
    const dir = tempDataDir('room-clock-');
    const clock = new ManualClock(T0);
    let t = roomAt(dir, clock);
    const id = await imSession(t, clock);
    clock.advance(15 * MIN);
    clock.jumpWall(-60 * MIN); // the computer's clock set back an hour
    await t.ok('recordCheckIn', { sessionId: id, author: 'Sam' }); // the jump is noticed and recorded
    expect(t.room.state(id).clockJumps.map((j) => j.jumpMs)).toEqual([-60 * MIN]);
    clock.advance(1 * MIN);
    clock.jumpWall(60 * MIN); // staff set the clock right...
    await closeRoom(t.room); // ...and restart the room
    t = roomAt(dir, clock);

    const state = t.room.state(id);
    expect(state.timeUnconfirmed?.reasons).toEqual([
      expect.stringMatching(/^The computer's clock jumped during this session \(by 60 min\)/),
    ]);
    expect(t.room.sessions.events(id).at(-1)).toMatchObject({ kind: 'time_unconfirmed', author: 'Session Room' });
    // Whatever the room guessed, nothing counts on it: no dose.
    expect(await t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { code: 'time_unconfirmed' },
    });
    // A true T+100, everything else recorded: still no discharge while the time is unconfirmed.
    clock.advance(84 * MIN);
    await readyButTime(t, id);
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: {
        code: 'discharge_not_ready',
        message: expect.stringMatching(
          /a clinician's confirmation of the current time \(the room reopened with a clock it could not trust\)/,
        ),
      },
    });
    // The sitter cannot confirm it; the clinician does, signed, reading a clock they trust (the true time: T+100).
    const trueNow = T0 + 10 * MIN + 100 * MIN;
    expect(await t.call('confirmTime', { sessionId: id, currentTime: trueNow, ...sign('Sam') })).toMatchObject({
      ok: false,
      error: { code: 'not_permitted' },
    });
    expect(await t.call('confirmTime', { sessionId: id, currentTime: T0, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { code: 'time_before_record', message: expect.stringMatching(/is before the session's last entry/) },
    });
    const confirmed = await t.ok('confirmTime', { sessionId: id, currentTime: trueNow, ...sign('Dr Kim') });
    expect(confirmed).toMatchObject({
      kind: 'time_confirmed',
      author: 'Dr Kim',
      payload: { confirmedTime: trueNow, signature: { name: 'Dr Kim', role: 'clinician' } },
    });
    expect(t.room.state(id).timeUnconfirmed).toBeNull();
    expect(elapsedMin(t.room, id)).toBe(100);
    // What was recorded while the time was in doubt is moved to its true time (the log keeps what was written).
    const scores = t.room.state(id).entries.filter((e) => e.kind === 'score');
    expect(scores.at(-1)!.at).toBe(trueNow);
    // The 90-minute IM wait counts the true time: met at a true T+100 (the same session without the jump discharges then too).
    await readyButTime(t, id);
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
    await closeRoom(t.room);
  });

  it('the computer boots with its clock 75 min ahead mid-session, no jump recorded: the gap since the last heartbeat puts the time in doubt', async () => {
    const dir = tempDataDir('room-clock-');
    const clock = new ManualClock(T0);
    let t = roomAt(dir, clock);
    const id = await imSession(t, clock);
    clock.advance(10 * MIN);
    await t.ok('recordCheckIn', { sessionId: id, author: 'Sam' });
    await closeRoom(t.room);
    clock.advance(2 * MIN); // a two-minute reboot...
    clock.jumpWall(75 * MIN); // ...and a clock 75 min ahead
    t = roomAt(dir, clock);
    expect(t.room.state(id).timeUnconfirmed?.reasons).toEqual([
      expect.stringMatching(
        /^The room was last seen 77 min ago by the computer's clock: a long stop, or a clock set wrong\.$/,
      ),
    ]);
    await t.ok('confirmTime', { sessionId: id, currentTime: T0 + 22 * MIN, ...sign('Dr Kim') });
    expect(elapsedMin(t.room, id)).toBe(12);
    // Entries from the screen, whose clock is still 75 min ahead, land at their true time.
    const note = await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'resting' },
      occurredAt: clock.now(),
      author: 'Sam',
    });
    expect(note.occurredAt).toBe(T0 + 22 * MIN);
    await closeRoom(t.room);
  });

  it('the safe case: a restart of a minute with the clock right asks nothing, and the session goes on', async () => {
    const dir = tempDataDir('room-clock-');
    const clock = new ManualClock(T0);
    let t = roomAt(dir, clock);
    const id = await imSession(t, clock);
    clock.advance(8 * MIN);
    await t.ok('recordCheckIn', { sessionId: id, author: 'Sam' });
    await closeRoom(t.room);
    clock.advance(1 * MIN);
    t = roomAt(dir, clock);
    expect(t.room.state(id).timeUnconfirmed).toBeNull();
    expect(t.room.sessions.events(id).some((e) => e.kind === 'time_unconfirmed')).toBe(false);
    expect(await t.call('confirmTime', { sessionId: id, currentTime: clock.now(), ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { code: 'time_trusted' },
    });
    // A booster waits for a recent BP and a MOAA/S of 4 or more: taken after the restart like any entry.
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 122, diastolic: 78 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    expect((await t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') })).ok).toBe(true);
    await closeRoom(t.room);
  });
});
