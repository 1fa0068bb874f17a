import { beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../main/core/pure/report/model';
import { fhirBundle } from '../../main/core/report/fhir';
import { MIN, T0, testRoom } from '../support/room';
import { answerDayOfChecklist } from '../support/checklist';
import { sign } from '../support/staff';
import { REMS_ASKED } from '../support/rems';

/**
 * The table, row by row, through the bridge on the test clock: each unsafe case refused with its
 * sentence, and the safe case beside it still allowed. dosedSession: baseline at T0+5, the dose at T0+10.
 */
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const refusal = async (method: 'discharge' | 'recordDose' | 'closeSession', args: never) => {
  const env = await t.call(method, args);
  expect(env.ok).toBe(false);
  return env.ok ? '' : env.error.message;
};
const discharge = (sessionId: string) => t.call('discharge', { sessionId, ...sign('Dr Kim') });

describe('the table: what the room let through, and what it does now', () => {
  it('IM: MOAA/S, vitals, attestations and the driver all recorded 2 min after the dose, nothing since: at +150 min the discharge is refused, the evidence is 148 min old', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(2 * MIN);
    await t.readyButTime(id);
    t.clock.advance(148 * MIN);
    const message = await refusal('discharge', { sessionId: id, ...sign('Dr Kim') } as never);
    expect(message).toMatch(
      /^The patient cannot be discharged yet\. Still missing: MOAA\/S 5 taken at T\+0:02, 148 min ago: score again; /,
    );
    expect(message).toContain('BP 130/84 taken at T+0:02, 148 min ago: measure again');
    expect(message).toContain('Steady gait: "yes" attested at T+0:02, 148 min ago: attest again');
    expect(message).toContain('the driver (Pat Lee) confirmed present at T+0:02, 148 min ago: confirm again in person');
    expect(t.room.state(id).discharge.discharged).toBeNull();
    // Checked again now, the same patient goes home.
    await t.readyButTime(id);
    expect((await discharge(id)).ok).toBe(true);
  });

  it('beside it: a fresh IM session with fresh checks at +97 min discharges', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(95 * MIN);
    await t.readyButTime(id);
    t.clock.advance(2 * MIN);
    const env = await discharge(id);
    expect(env.ok).toBe(true);
    expect(t.room.sessions.session(id)).toMatchObject({ outcome: 'discharged' });
  });

  it('Spravato: BP 195/118 then 192/115 never re-measured, SpO2 89% with its urgent alert open, REMS "vitals acceptable before end: no": refused naming the BP, the SpO2 and the open alert', async () => {
    const id = await t.dosedSession('spravato', 84);
    t.clock.advance(40 * MIN);
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 195, diastolic: 118, heartRate: 80 },
      author: 'Sam',
    });
    t.clock.advance(5 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 192, diastolic: 115 }, author: 'Sam' });
    t.clock.advance(70 * MIN); // +115
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    await t.ok('recordVitals', {
      sessionId: id,
      values: { heartRate: 74, spo2: 89, respiratoryRate: 14 },
      author: 'Sam',
    });
    for (const [item, answer] of [
      ['oriented', 'yes'],
      ['steady_gait', 'yes'],
      ['nausea', 'minimal'],
      ['dissociation', 'resolved'],
      ['no_driving_acknowledged', 'yes'],
    ] as const) {
      await t.ok('attest', { sessionId: id, item, answer, author: 'Dr Kim' });
    }
    await t.ok('confirmDriver', {
      sessionId: id,
      name: 'Pat Lee',
      relationship: 'partner',
      phone: '555-0100',
      author: 'Sam',
    });
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { ...REMS_ASKED, vitalsAcceptableBeforeEnd: 'no', respiratoryDepression: 'yes' },
    });
    t.clock.advance(6 * MIN); // +121

    const message = await refusal('discharge', { sessionId: id, ...sign('Dr Kim') } as never);
    expect(message).toContain('BP 192/115 (outside the alert thresholds) taken at T+0:45, 76 min ago: measure again');
    expect(message).toContain('SpO2 89% is below 90% at T+1:55 (urgent threshold)');
    expect(message).toContain(
      'the open alerts acknowledged: "SpO2 89% is below 90%" (urgent, T+1:55), "BP 192/115 is above 180/110: re-check in 5 minutes" (warning, T+0:45), "BP 195/118 is above 180/110: re-check in 5 minutes" (warning, T+0:40)',
    );
    expect(message).toContain(
      'the REMS form answers that vital signs were not acceptable before the end of monitoring',
    );

    // The safe case: BP measured again and back in range, SpO2 recovered, each alert acknowledged, the form answered again.
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 138, diastolic: 86, heartRate: 72, spo2: 96, respiratoryRate: 14 },
      author: 'Sam',
    });
    for (const a of t.room.state(id).alerts) {
      // Every acknowledgement takes a short note: what was done for an urgent one, what was seen for a warning.
      await t.ok('acknowledgeAlert', {
        sessionId: id,
        targetSeq: a.entrySeq,
        signal: a.signal,
        author: 'Dr Kim',
        ...sign('Dr Kim'),
        note: a.level === 'urgent' ? 'chin lift, deep breaths; SpO2 96% on re-check' : 'BP re-measured 138/86',
      });
    }
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: { vitalsAcceptableBeforeEnd: 'yes', respiratoryDepression: 'yes', dissociation: 'no' },
    });
    const env = await discharge(id);
    expect(env.ok ? 'discharged' : env.error.message).toBe('discharged');
  });

  it('Spravato: checklist answered, no pre-dose blood pressure: Record dose is refused with "Take a blood pressure before the dose"; with one, the dose is recorded', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'SP-1',
      presetId: 'spravato',
      plannedDoseMg: 56,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    await answerDayOfChecklist(t.ok, id, 'spravato');
    const message = await refusal('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') } as never);
    expect(message).toBe('Take a blood pressure before the dose: none is recorded in this session yet.');
    expect(t.room.state(id).doses).toEqual([]);
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 124, diastolic: 78, heartRate: 70 },
      author: 'Sam',
    });
    expect((await t.call('recordDose', { sessionId: id, mg: 56, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('consent answered "no" with a reason: Record dose is refused; once consent is "yes", the dose is recorded', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'C-1',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    await answerDayOfChecklist(t.ok, id, 'im');
    await t.ok('answerChecklist', {
      sessionId: id,
      item: 'consent',
      answer: 'no',
      reason: 'wants to talk it through first',
      author: 'Dr Kim',
    });
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 120, diastolic: 80, heartRate: 70 },
      author: 'Sam',
    });
    const message = await refusal('recordDose', {
      sessionId: id,
      mg: 60,
      booster: false,
      ...sign('Dr Kim'),
      proceedPastChecklist: true,
    } as never);
    expect(message).toBe(
      '"Consent for today\'s session" is answered "no" (wants to talk it through first): the dose cannot be given without it. Answer "yes" once it is in place, or close the session without a dose.',
    );
    expect(t.room.state(id).doses).toEqual([]);
    await t.ok('answerChecklist', { sessionId: id, item: 'consent', answer: 'yes', author: 'Dr Kim' });
    expect((await t.call('recordDose', { sessionId: id, mg: 60, booster: false, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('Spravato: pre-dose BP 168/102, the dose withheld: the session closes with the outcome "no dose given" and its reason, and the next session starts', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'SP-2',
      presetId: 'spravato',
      plannedDoseMg: 84,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    const id = view.session.id;
    await answerDayOfChecklist(t.ok, id, 'spravato');
    await t.ok('recordVitals', {
      sessionId: id,
      values: { systolic: 168, diastolic: 102, heartRate: 82 },
      author: 'Sam',
    });
    expect(await refusal('recordDose', { sessionId: id, mg: 84, booster: false, ...sign('Dr Kim') } as never)).toMatch(
      /^Pre-dose BP 168\/102 is at or above 140\/90\. A clinician reviews it/,
    );
    expect(await refusal('closeSession', { sessionId: id, author: 'Dr Kim' } as never)).toBe(
      'Say why the session closes without a dose (for example "BP above 140/90: dose withheld").',
    );
    t.clock.advance(10 * MIN);
    const closed = await t.ok('closeSession', {
      sessionId: id,
      author: 'Dr Kim',
      reason: 'BP above 140/90: dose withheld',
    });
    expect(closed.map((e) => e.kind)).toEqual(['session_closed']);
    expect(t.room.sessions.session(id)).toMatchObject({ outcome: 'no_dose', closedAt: T0 + 10 * MIN });
    const r = buildReport(t.room.sessions.events(id), t.clock.now());
    expect(r).toMatchObject({
      outcome: 'no_dose',
      closed: { by: 'Dr Kim', reason: 'BP above 140/90: dose withheld' },
      rems: null,
    });
    const encounter = (
      fhirBundle(r, t.clock.now(), { patientIdentifierSystem: 'urn:clinic:patients', timeZone: 'UTC' }).entry as {
        resource: { resourceType: string; hospitalization?: { dischargeDisposition: { text: string } } };
      }[]
    ).find((e) => e.resource.resourceType === 'Encounter')!.resource;
    expect(encounter.hospitalization!.dischargeDisposition.text).toBe('No dose given: BP above 140/90: dose withheld');
    expect(await t.call('recordDose', { sessionId: id, mg: 84, booster: false, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^This session is closed \(no dose given\)/) },
    });
    const next = await t.call('startSession', {
      patientRef: 'SP-3',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    expect(next.ok).toBe(true);
  });

  it('IV: an infusion of 60 min never marked ended: Discharge at +101 is refused until the end is marked, then the wait counts from the mark', async () => {
    const id = await t.dosedSession('iv', 40);
    const doseAt = t.clock.now();
    t.clock.advance(96 * MIN);
    await t.readyButTime(id);
    t.clock.advance(5 * MIN); // +101
    expect(await refusal('discharge', { sessionId: id, ...sign('Dr Kim') } as never)).toBe(
      'The patient cannot be discharged yet. Still missing: mark the end of the infusion ("Infusion ended"): the wait counts from it.',
    );
    await t.ok('addMark', {
      sessionId: id,
      mark: 'infusion_ended',
      occurredAt: doseAt + 60 * MIN,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    expect(await refusal('discharge', { sessionId: id, ...sign('Dr Kim') } as never)).toMatch(
      /^The patient cannot be discharged yet\. Still missing: the minimum time since the last dose: 19 min to go \(at \d\d:\d\d\)\.$/,
    );
    t.clock.advance(19 * MIN); // +120: 60 min after the infusion ended
    await t.readyButTime(id);
    expect((await discharge(id)).ok).toBe(true);
  });
});
