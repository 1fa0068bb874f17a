import { beforeEach, describe, expect, it } from 'vitest';
import { sessionTile } from '../../main/board/tile';
import { alertSummary } from '../../main/core/pure/rules/open-alerts';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';

/** "Needs clinician" (F5) through the bridge: a request that stays in sight until a clinician answers it. */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const message = (env: { ok: boolean; error?: { message: string } }) => (env.ok ? 'accepted' : env.error!.message);

describe('a request for a clinician (F5)', () => {
  it('raises an urgent alert that holds a booster and is closed only by a clinician, signed, saying what was done; other tags raise none', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(10 * MIN);
    await t.ok('recordObservation', { sessionId: id, content: { tags: ['nausea'] }, author: 'Sam' });
    expect(alertSummary(t.room.state(id), t.clock.now()).first).toBeNull();

    const request = await t.ok('recordObservation', {
      sessionId: id,
      content: { tags: ['needs clinician'] },
      author: 'Sam',
    });
    const summary = alertSummary(t.room.state(id), t.clock.now());
    expect(summary).toMatchObject({ urgent: 1, first: 'Clinician needed in the room (asked by Sam).' });
    // The chair board's tile, folded from the same events, counts it as urgent; 10 min on, with its escalation line.
    const tile = () => sessionTile(t.room.sessions.events(id), t.clock.now(), 'initials', 'UTC')!;
    expect(tile().alerts).toEqual({ urgent: 1, warning: 0, escalation: null });
    t.clock.advance(10 * MIN);
    expect(tile().alerts.escalation).toMatch(
      /^"Clinician needed in the room \(asked by Sam\)" is still open 10 min after/,
    );

    // While it is open, a booster waits for it.
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    expect(message(await t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') }))).toBe(
      '"Clinician needed in the room (asked by Sam)" is urgent and not acknowledged: a clinician acknowledges it, with what was done, before a dose is recorded.',
    );

    // The sitter cannot answer it; a clinician can, with their PIN and what was done.
    const ack = { sessionId: id, targetSeq: request.seq, signal: 'clinician_request' as const };
    expect(message(await t.call('acknowledgeAlert', { ...ack, author: 'Sam', note: 'came', ...sign('Sam') }))).toBe(
      'Only a clinician may acknowledge an urgent alert. Sam is on the staff list as a sitter: ask Dr Kim to sign.',
    );
    expect(
      message(
        await t.call('acknowledgeAlert', {
          ...ack,
          author: 'Dr Kim',
          note: 'seen: anxious, settled',
          ...sign('Dr Kim'),
        }),
      ),
    ).toBe('accepted');
    expect(alertSummary(t.room.state(id), t.clock.now())).toMatchObject({ urgent: 0, warning: 0, first: null });
    expect(message(await t.call('recordDose', { sessionId: id, mg: 20, booster: true, ...sign('Dr Kim') }))).toBe(
      'accepted',
    );
  });
});
