import { describe, expect, it } from 'vitest';
import { ALERT_SIGNALS, VITAL_SIGNS, VITALS_FIELDS, vitalsProblem } from '../../main/core/pure/observations/vitals';
import { fhirBundle } from '../../main/core/report/fhir';
import { vitalsCsv } from '../../main/core/report/csv';
import { buildReport } from '../../main/core/pure/report/model';
import { testRoom } from '../support/room';
import { sign } from '../support/staff';

// FHIR resources are read back as plain JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- FHIR resources read as free JSON to assert on
type R = Record<string, any>;

/** One definition per vital sign feeds the bounds, the CSV, FHIR and the alert signals. */
describe('the vital-sign registry', () => {
  it('every sign of the registry reaches the CSV and the FHIR export with its own value and LOINC code, and has its bounds', async () => {
    const t = testRoom();
    const id = await t.dosedSession('im', 60);
    // One reading of every sign, each value distinct, so the export is read back value by value.
    const values = Object.fromEntries(
      VITALS_FIELDS.map((f, i) => [f, Math.round((VITAL_SIGNS[f].min + VITAL_SIGNS[f].max) / 2) + i]),
    ) as Record<string, number>;
    if (values.systolic! <= values.diastolic!) values.systolic = values.diastolic! + 40;
    await t.ok('recordVitals', { sessionId: id, values, author: 'Sam' });
    const report = buildReport(t.room.sessions.events(id), t.clock.now());
    const [header, ...rows] = vitalsCsv(report).split('\r\n');
    const bundle = fhirBundle(report, t.clock.now(), {
      patientIdentifierSystem: 'urn:oid:1.2.3',
      timeZone: 'UTC',
    }) as R;
    const observations = (bundle.entry as { resource: R }[])
      .map((e) => e.resource)
      .filter((r) => r.resourceType === 'Observation');
    // Every coded value in the export: an observation's own, and each component's (blood pressure is one panel).
    const coded = observations
      .flatMap((o) => [o, ...(o.component ?? [])])
      .map((c: R) => ({ codes: (c.code.coding as R[]).map((x) => x.code), value: c.valueQuantity?.value }));
    for (const f of VITALS_FIELDS) {
      const vital = VITAL_SIGNS[f];
      const column = header!.split(',').indexOf(vital.csvColumn);
      expect(column, f).toBeGreaterThanOrEqual(0);
      expect(
        rows.map((r) => r.split(',')[column]),
        f,
      ).toContain(String(values[f]));
      expect(coded, f).toContainEqual({ codes: vital.fhir.codings.map((c) => c.code), value: values[f] });
      expect(vitalsProblem({ [f]: vital.max + 1 })).toBe(
        `${vital.label} ${vital.max + 1} ${vital.unit} is not a possible reading (${vital.min}-${vital.max}). Check for a typing error.`,
      );
      expect(ALERT_SIGNALS).toContain(vital.signal);
    }
  });

  it('the bridge takes an alert signal only from the one list: an unknown signal on an alerting reading is refused, its own is acknowledged', async () => {
    const t = testRoom();
    const id = await t.dosedSession('im', 60);
    t.clock.advance(10 * 60_000);
    const low = await t.ok('recordVitals', { sessionId: id, values: { spo2: 91 }, author: 'Sam' });
    expect(t.room.state(id).alerts.map((a) => [a.entrySeq, a.signal])).toEqual([[low.seq, 'spo2']]);
    const unknown = await t.call('acknowledgeAlert', {
      sessionId: id,
      targetSeq: low.seq,
      signal: 'temperature' as never,
      author: 'Sam',
      note: 'probe re-seated',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect(t.room.state(id).alerts[0]!.acknowledged).toBeUndefined();
    expect(
      (
        await t.call('acknowledgeAlert', {
          sessionId: id,
          targetSeq: low.seq,
          signal: 'spo2',
          author: 'Sam',
          note: 'probe re-seated',
          ...sign('Dr Kim'),
        })
      ).ok,
    ).toBe(true);
  });
});
