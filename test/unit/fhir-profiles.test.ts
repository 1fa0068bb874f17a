import { beforeEach, describe, expect, it } from 'vitest';
import { fhirBundle } from '../../main/core/report/fhir';
import { buildReport } from '../../main/core/pure/report/model';
import { MIN, testRoom } from '../support/room';
import { fhirErrors } from '../support/fhir-profiles';
import { sign } from '../support/staff';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR resources read as free JSON to assert on
type R = Record<string, any>;
let t: ReturnType<typeof testRoom>;
beforeEach(() => {
  t = testRoom();
});
const OPTIONS = { patientIdentifierSystem: 'https://clinic.example/patient-id', timeZone: 'America/Los_Angeles' };
const bundleOf = (id: string) =>
  fhirBundle(buildReport(t.room.sessions.events(id), t.clock.now()), t.clock.now(), OPTIONS) as R;
const resources = (bundle: R) => (bundle.entry as { resource: R }[]).map((e) => e.resource);
const coded = (r: R) => (r.code?.coding ?? []).map((c: R) => c.code).join('+');

/** A discharged session with a booster, a struck dose, a struck vitals set, a correction, a second BP and scores. */
async function fullSession(): Promise<string> {
  const id = await t.dosedSession();
  t.clock.advance(4 * MIN);
  // A booster waits for a BP and a MOAA/S of 4 or more since the dose.
  await t.ok('recordVitals', { sessionId: id, values: { systolic: 124, diastolic: 80 }, author: 'Sam' });
  await t.ok('recordScore', { sessionId: id, content: { scale: 'moaas', score: 5 }, author: 'Sam' });
  t.clock.advance(1 * MIN);
  const wrongDose = await t.ok('recordDose', { sessionId: id, mg: 25, booster: true, ...sign('Dr Kim') });
  await t.ok('amendEntry', {
    sessionId: id,
    targetSeq: wrongDose.seq,
    action: 'strike',
    reason: 'recorded on the wrong patient',
    author: 'Dr Kim',
    ...sign('Dr Kim'),
  });
  t.clock.advance(25 * MIN);
  await t.ok('recordDose', { sessionId: id, mg: 50, booster: true, ...sign('Dr Kim') });
  const wrong = await t.ok('recordVitals', {
    sessionId: id,
    values: { systolic: 190, diastolic: 60, spo2: 88 },
    author: 'Sam',
  });
  await t.ok('amendEntry', {
    sessionId: id,
    targetSeq: wrong.seq,
    action: 'strike',
    reason: 'cuff slipped',
    author: 'Sam',
    ...sign('Dr Kim'),
  });
  // Struck, its urgent SpO2 alert still waits for the clinician.
  await t.ok('acknowledgeAlert', {
    sessionId: id,
    targetSeq: wrong.seq,
    signal: 'spo2',
    author: 'Dr Kim',
    ...sign('Dr Kim'),
    note: 'probe re-seated, SpO2 97%',
  });
  const hr = await t.ok('recordVitals', {
    sessionId: id,
    values: { heartRate: 130, respiratoryRate: 16 },
    author: 'Sam',
  });
  await t.ok('amendEntry', {
    sessionId: id,
    targetSeq: hr.seq,
    action: 'correct',
    reason: 'typed 130 for 103',
    replacement: { heartRate: 103, respiratoryRate: 16 },
    author: 'Sam',
    ...sign('Dr Kim'),
  });
  await t.ok('recordVitals', { sessionId: id, values: { systolic: 138, diastolic: 86 }, author: 'Sam' });
  await t.ok('recordScore', {
    sessionId: id,
    content: { scale: 'cadss6', items: [1, 2, 6, 7, 15, 22].map((item) => ({ item, answer: 1 })) },
    author: 'Sam',
  });
  await t.ok('recordObservation', {
    sessionId: id,
    content: { text: 'Resting', tags: ['resting quietly'] },
    author: 'Sam',
  });
  t.clock.advance(121 * MIN);
  await t.readyButTime(id);
  await t.ok('discharge', { sessionId: id, ...sign('Dr Kim') });
  return id;
}

describe('the FHIR R4 bundle against the official R4 StructureDefinitions and vital-signs profiles', () => {
  it('every exported resource passes validation against its base definition and the profiles it claims, slices included', async () => {
    const bundle = bundleOf(await fullSession());
    expect(fhirErrors(bundle)).toEqual([]);
    const all = resources(bundle);
    expect(all.length).toBeGreaterThan(12);
    for (const r of all)
      expect({ resource: `${r.resourceType} ${coded(r)}`, errors: fhirErrors(r) }).toEqual({
        resource: `${r.resourceType} ${coded(r)}`,
        errors: [],
      });
    // The vital signs each claim their profile, so the loop above checked them against it.
    const vitals = all.filter((r) => r.category?.[0]?.coding?.[0]?.code === 'vital-signs');
    expect(vitals.map((r) => r.meta.profile[0].replace('http://hl7.org/fhir/StructureDefinition/', '')).sort()).toEqual(
      [
        'bp',
        'bp',
        'bp',
        'bp',
        'bp',
        'heartrate',
        'heartrate',
        'heartrate',
        'oxygensat',
        'oxygensat',
        'oxygensat',
        'resprate',
        'resprate',
        'resprate',
      ].sort(),
    );
  });

  it('blood pressure is one 85354-9 panel with 8480-6 and 8462-4 components; SpO2 is coded 2708-6 and 59408-5; units are UCUM; times carry the clinic offset', async () => {
    const all = resources(bundleOf(await fullSession()));
    const bp = all.filter((r) => coded(r) === '85354-9');
    const baseline = bp[0]!;
    expect(baseline.component.map((c: R) => [c.code.coding[0].code, c.valueQuantity])).toEqual([
      ['8480-6', { value: 120, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
      ['8462-4', { value: 80, unit: 'mmHg', system: 'http://unitsofmeasure.org', code: 'mm[Hg]' }],
    ]);
    expect(all.find((r) => coded(r) === '2708-6+59408-5')).toMatchObject({
      valueQuantity: { value: 98, code: '%', system: 'http://unitsofmeasure.org' },
    });
    expect(all.filter((r) => coded(r) === '8867-4').map((r) => r.valueQuantity.code)).toEqual(['/min', '/min', '/min']);
    // 09:00 UTC on 22 November is 01:00 in Los Angeles (UTC-8).
    expect(baseline.effectiveDateTime).toBe('2026-11-22T01:05:00.000-08:00');
    for (const r of all.filter((x) => x.effectiveDateTime)) expect(r.effectiveDateTime).toMatch(/-08:00$/);
  });

  it('the patient carries the clinic-configured identifier system, and every resource points at it', async () => {
    const all = resources(bundleOf(await fullSession()));
    const patient = all.find((r) => r.resourceType === 'Patient')!;
    expect(patient.identifier).toEqual([
      { use: 'usual', system: 'https://clinic.example/patient-id', value: 'AB-1024' },
    ]);
    const bundle = bundleOf(
      (await t.ok('startSession', { patientRef: 'CD', presetId: 'im', plannedDoseMg: 60, therapist: 'Dr Kim' })).session
        .id,
    );
    const patientUrl = (bundle.entry as R[]).find((e) => e.resource.resourceType === 'Patient')!.fullUrl;
    for (const r of resources(bundle).filter((x) => x.subject)) expect(r.subject.reference).toBe(patientUrl);
  });

  it('struck entries and struck doses are exported as entered-in-error with the reason, never dropped; a corrected reading exports its correction as amended', async () => {
    const all = resources(bundleOf(await fullSession()));
    const doses = all.filter((r) => r.resourceType === 'MedicationAdministration');
    expect(doses.map((d) => [d.status, d.dosage.dose.value])).toEqual([
      ['completed', 150],
      ['completed', 50],
      ['entered-in-error', 25],
    ]);
    expect(doses[2]!.note).toEqual([{ text: 'Struck by Dr Kim: recorded on the wrong patient' }]);
    const struckBp = all.find((r) => coded(r) === '85354-9' && r.component[0].valueQuantity?.value === 190)!;
    expect(struckBp).toMatchObject({ status: 'entered-in-error', note: [{ text: 'Struck by Dr Kim: cuff slipped' }] });
    expect(all.find((r) => coded(r) === '2708-6+59408-5' && r.valueQuantity.value === 88)).toMatchObject({
      status: 'entered-in-error',
    });
    expect(all.filter((r) => coded(r) === '8867-4').map((r) => [r.status, r.valueQuantity.value])).toEqual([
      ['final', 70],
      ['amended', 103],
      ['final', 76],
    ]);
  });

  it('a deliberately broken resource fails the profile validation, with the rule it breaks', async () => {
    const all = resources(bundleOf(await fullSession()));
    const bp = structuredClone(all.find((r) => coded(r) === '85354-9')!);
    bp.component = bp.component.filter((c: R) => c.code.coding[0].code !== '8462-4'); // the diastolic component left out
    expect(
      fhirErrors(bp)
        .map((e) => e.text)
        .join(' | '),
    ).toMatch(/DiastolicBP/);

    const spo2 = structuredClone(all.find((r) => coded(r) === '2708-6+59408-5')!);
    spo2.code.coding = spo2.code.coding.filter((c: R) => c.code !== '2708-6'); // only the pulse-oximetry code
    expect(
      fhirErrors(spo2)
        .map((e) => e.text)
        .join(' | '),
    ).toMatch(/OxygenSatCode/);

    const hr = structuredClone(all.find((r) => coded(r) === '8867-4')!);
    hr.valueQuantity.code = 'bpm'; // not the UCUM code the profile fixes
    expect(
      fhirErrors(hr)
        .map((e) => `${e.text} at ${e.at}`)
        .join(' | '),
    ).toMatch(/Value did not match expected pattern at Observation\.value\[x\]\.code/);

    const noCategory = structuredClone(all.find((r) => coded(r) === '9279-1')!);
    delete noCategory.category;
    expect(
      fhirErrors(noCategory)
        .map((e) => `${e.text} at ${e.at}`)
        .join(' | '),
    ).toMatch(/Missing required property at Observation\.category/);

    const noTime = structuredClone(all.find((r) => r.resourceType === 'MedicationAdministration')!);
    delete noTime.effectiveDateTime; // the base definition requires when the dose was given
    expect(
      fhirErrors(noTime)
        .map((e) => `${e.text} at ${e.at}`)
        .join(' | '),
    ).toMatch(/Missing required property at MedicationAdministration\.effective\[x\]/);
  });
});
