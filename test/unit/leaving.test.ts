import { beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/core/pure/report/model';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';
import { REMS_ASKED } from '../support/rems';

let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});

describe('leaving against advice ends the session for doses and observations', () => {
  it('after device 1 of 2, the patient leaves: device 2 and new vitals are refused with a sentence; the REMS form and corrections go on, and the session closes once the form is complete', async () => {
    const id = await t.dosedSession('spravato', 56); // device 1 at T0+10
    t.clock.advance(10 * MIN);
    const note = await t.ok('recordObservation', { sessionId: id, content: { text: 'wants to leave' }, author: 'Sam' });
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Refused to stay',
      actions: ['risks_explained', 'emergency_contact_called'],
      ...sign('Dr Kim'),
    });
    const gone = {
      ok: false,
      error: {
        code: 'session_closed',
        message: expect.stringMatching(
          /^The patient has left against advice: nothing more is given or observed in this session\./,
        ),
      },
    };
    expect(await t.call('recordDose', { sessionId: id, mg: 28, booster: false, ...sign('Dr Kim') })).toMatchObject(
      gone,
    );
    expect(
      await t.call('recordVitals', { sessionId: id, values: { systolic: 130, diastolic: 85 }, author: 'Sam' }),
    ).toMatchObject(gone);
    expect(
      await t.call('recordObservation', { sessionId: id, content: { text: 'in the car park' }, author: 'Sam' }),
    ).toMatchObject(gone);
    expect(t.room.state(id).doses).toHaveLength(1);
    // Addenda: a correction with its reason, and the REMS form, which the session waits for.
    expect(
      (
        await t.call('amendEntry', {
          sessionId: id,
          targetSeq: note.seq,
          action: 'correct',
          reason: 'wording',
          replacement: { text: 'asked to leave, twice' },
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: {
        ...REMS_ASKED,
        vitalsAcceptableBeforeEnd: undefined,
        notObtained: [
          { field: 'pulseOximetry', reason: 'patient left before a reading after the dose' },
          { field: 'bp40', reason: 'patient left before 40 min' },
          { field: 'bpEnd', reason: 'patient left before the end of monitoring' },
          { field: 'readyToLeaveAfterMin', reason: 'left against advice' },
          { field: 'vitalsAcceptableBeforeEnd', reason: 'left against advice' },
          { field: 'sedation', reason: 'left against advice' },
          { field: 'dissociation', reason: 'left against advice' },
          { field: 'respiratoryDepression', reason: 'left against advice' },
        ],
      },
    });
    expect((await t.call('closeSession', { sessionId: id, author: 'Dr Kim' })).ok).toBe(true);
    expect(t.room.state(id).discharge.closed).toMatchObject({ outcome: 'left_against_advice' });
  });

  it('the record keeps the discharge conditions as they stood when the patient left, whatever is recorded after', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(30 * MIN);
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Refused to stay',
      actions: ['risks_explained'],
      ...sign('Dr Kim'),
    });
    const snapshot = t.room.state(id).discharge.leftAgainstAdvice!.gateAtDeparture!;
    const byId = Object.fromEntries(snapshot.map((c) => [c.id, c]));
    expect(byId.time_since_last_dose).toMatchObject({
      met: false,
      missing: expect.stringMatching(/^the minimum time since the last dose: 1 h 0 min to go/),
    });
    expect(byId.moaas).toMatchObject({
      met: true,
      evidence: expect.stringMatching(/^latest MOAA\/S 5 at \d\d:\d\d by Sam$/),
    });
    expect(byId.driver_present).toMatchObject({ met: false });
    expect(snapshot.map((c) => c.id)).not.toContain('clinician');
    // Later the time passes; the report still shows the conditions at the moment of leaving, not as they would stand now.
    t.clock.advance(3 * 60 * MIN);
    const r = buildReport(t.room.sessions.events(id), t.clock.now());
    expect(r.outcome).toBe('left_against_advice');
    expect(r.gate).toEqual(snapshot);
  });

  it('the safe case: before anyone leaves, the second device after its rest and the vitals are recorded', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(6 * MIN);
    expect(
      (await t.call('recordVitals', { sessionId: id, values: { systolic: 130, diastolic: 85 }, author: 'Sam' })).ok,
    ).toBe(true);
    expect((await t.call('recordDose', { sessionId: id, mg: 28, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
    expect(t.room.state(id).doses.map((d) => d.device?.n)).toEqual([1, 2]);
  });
});
