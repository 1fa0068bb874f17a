import { beforeEach, describe, expect, it } from 'vitest';
import { openRoom } from '../../main/core/open-room';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

/** The computer's clock jumps during a session; the room notices, records it, and keeps its own time. */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});

describe('a jump of the computer clock', () => {
  it('forward by an hour: recorded as an event, and the discharge still counts the real time since the dose', async () => {
    const id = await t.dosedSession('im', 60); // dose at T0+10
    const doseAt = t.room.state(id).doses[0]!.at;
    t.clock.advance(20 * MIN);
    t.clock.jumpWall(60 * MIN);
    const note = await t.ok('recordObservation', { sessionId: id, content: { text: 'resting' }, author: 'Sam' });
    expect(note.occurredAt).toBe(doseAt + 20 * MIN);
    const state = t.room.state(id);
    expect(state.clockJumps).toEqual([{ seq: note.seq - 1, at: doseAt + 20 * MIN, jumpMs: 60 * MIN }]);
    expect(t.room.sessions.events(id).find((e) => e.kind === 'clock_jump')).toMatchObject({
      author: 'Session Room',
      payload: { jumpMs: 60 * MIN, computerTime: doseAt + 80 * MIN },
    });
    // 80 min after the dose by the computer's clock, 20 by the room's: the IM minimum of 90 is far away.
    t.clock.advance(50 * MIN); // really +70
    await t.readyButTime(id);
    const refused = await t.call('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /^The patient cannot be discharged yet\. Still missing: the minimum time since the last dose: 20 min to go/,
        ),
      },
    });
    t.clock.advance(20 * MIN); // really +90
    await t.readyButTime(id);
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it("a time the screen gives from the computer's jumped clock is taken back to the room's time, not refused as in the future", async () => {
    const id = await t.dosedSession('im', 60);
    const doseAt = t.room.state(id).doses[0]!.at;
    t.clock.advance(15 * MIN);
    t.clock.jumpWall(60 * MIN);
    const typedAt = t.clock.now() - 30_000; // the screen took the time at the first key, 30 s ago, by the computer's clock
    const note = await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'sighs, settles' },
      occurredAt: typedAt,
      author: 'Sam',
    });
    expect(note.occurredAt).toBe(doseAt + 15 * MIN - 30_000);
  });

  it('back by half an hour: no entry lands before the dose, and a drift under 2 minutes is not a jump', async () => {
    const id = await t.dosedSession('im', 60);
    const doseAt = t.room.state(id).doses[0]!.at;
    t.clock.advance(5 * MIN);
    t.clock.jumpWall(-90_000); // a 90-second correction: not a jump
    await t.ok('recordCheckIn', { sessionId: id, author: 'Sam' });
    expect(t.room.state(id).clockJumps).toEqual([]);
    t.clock.jumpWall(-30 * MIN);
    const score = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    expect(score.occurredAt).toBe(doseAt + 5 * MIN);
    expect(score.occurredAt).toBeGreaterThan(doseAt);
    expect(t.room.state(id).clockJumps.map((j) => j.jumpMs)).toEqual([-31.5 * MIN]); // the 90 s and the 30 min, together past 2 min
  });

  it('reopened after the jump, the room keeps counting the session time', async () => {
    const id = await t.dosedSession('im', 60);
    const doseAt = t.room.state(id).doses[0]!.at;
    t.clock.advance(10 * MIN);
    t.clock.jumpWall(45 * MIN);
    await t.ok('recordCheckIn', { sessionId: id, author: 'Sam' });
    const dataDir = t.room.db.name.replace(/\/[^/]+$/, '');
    t.room.db.close();
    const reopened = openRoom({ dataDir, clock: t.clock, settingsBackend: null });
    expect(reopened.clock.now()).toBe(doseAt + 10 * MIN);
  });
});
