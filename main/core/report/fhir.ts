import { createHash } from 'node:crypto';
import { VITAL_SIGNS, VITALS_FIELDS, type VitalSign, type VitalsValues } from '../observations/vitals';
import type { SessionReport } from './model';

/** A FHIR R4 Bundle of the session: the Encounter, one Observation per vital sign and per score, one MedicationAdministration per dose. */

type Resource = Record<string, unknown> & { resourceType: string };
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';

/** LOINC code, display and UCUM unit for each vital sign (FHIR R4 vital signs profile), from the one vital-sign registry. */
export const VITAL_SIGN_CODES: Record<keyof VitalsValues, { code: string; display: string; unit: string; ucum: string }> = Object.fromEntries(
  VITALS_FIELDS.map((f) => [f, VITAL_SIGNS[f].loinc]),
) as Record<keyof VitalsValues, VitalSign['loinc']>;

/** A stable UUID from the session and a local name, so the same session exports the same bundle. */
function uuidFor(sessionId: string, name: string): string {
  const h = createHash('sha256').update(`${sessionId}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const iso = (t: number) => new Date(t).toISOString();

export function fhirBundle(report: SessionReport, exportedAt: number): Resource {
  const { sessionId } = report;
  const encounterUrl = `urn:uuid:${uuidFor(sessionId, 'encounter')}`;
  const subject = { identifier: { value: report.patientRef }, display: `Patient ${report.patientRef}` };
  const entries: { fullUrl: string; resource: Resource }[] = [];
  const add = (name: string, resource: Resource) => {
    const id = uuidFor(sessionId, name);
    entries.push({ fullUrl: `urn:uuid:${id}`, resource: { ...resource, id } });
  };
  const leftAgainstAdvice = report.outcome === 'left_against_advice';

  add('encounter', {
    resourceType: 'Encounter',
    identifier: [{ system: 'urn:session-room:session', value: sessionId }],
    status: report.outcome === 'open' ? 'in-progress' : 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    serviceType: { text: `Ketamine-assisted psychotherapy medicine session: ${report.presetLabel}` },
    subject,
    participant: [report.therapist, report.sitter].filter(Boolean).map((name) => ({ individual: { display: name } })),
    period: { start: iso(report.startedAt), ...(report.outcome === 'open' ? {} : { end: iso(report.endAt) }) },
    ...(report.outcome === 'open'
      ? {}
      : {
          hospitalization: {
            dischargeDisposition: {
              coding: [
                leftAgainstAdvice
                  ? { system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'aadvice', display: 'Left against advice' }
                  : { system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'home', display: 'Home' },
              ],
              text: leftAgainstAdvice
                ? `Left against medical advice: ${report.againstAdvice?.reason ?? ''}`
                : report.outcome === 'no_dose'
                  ? `No dose given: ${report.closed?.reason ?? ''}`
                  : `Discharged home with ${report.driverConfirmed?.name ?? 'escort'}`,
            },
          },
        }),
  });

  for (const dose of [...report.doses]) {
    add(`dose-${dose.seq}`, {
      resourceType: 'MedicationAdministration',
      status: 'completed',
      ...(dose.lot
        ? { contained: [{ resourceType: 'Medication', id: 'medication', code: { text: medicationText(report.routeId) }, batch: { lotNumber: dose.lot } }], medicationReference: { reference: '#medication' } }
        : { medicationCodeableConcept: { text: medicationText(report.routeId) } }),
      subject,
      context: { reference: encounterUrl },
      effectiveDateTime: iso(dose.at),
      performer: [{ actor: { display: dose.author } }],
      dosage: { text: `${dose.booster ? 'Booster' : 'Dose'} ${dose.mg} mg, ${dose.route}`, route: { text: dose.route }, dose: { value: dose.mg, unit: 'mg', system: UCUM, code: 'mg' } },
    });
  }

  for (const r of report.entries) {
    if (r.status === 'corrected') continue; // Its correction carries the current value; the JSON log keeps both.
    const status = r.status === 'struck' ? 'entered-in-error' : r.status === 'correction' ? 'amended' : 'final';
    const common = { subject, encounter: { reference: encounterUrl }, effectiveDateTime: iso(r.at), performer: [{ display: r.author }] };
    const e = r.entry;
    if (e.kind === 'vitals') {
      for (const [field, code] of Object.entries(VITAL_SIGN_CODES) as [keyof VitalsValues, (typeof VITAL_SIGN_CODES)[keyof VitalsValues]][]) {
        const value = e.payload.values[field];
        if (value === undefined) continue;
        add(`vitals-${r.seq}-${field}`, {
          resourceType: 'Observation',
          status,
          category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs', display: 'Vital Signs' }] }],
          code: { coding: [{ system: LOINC, code: code.code, display: code.display }], text: code.display },
          ...common,
          valueQuantity: { value, unit: code.unit, system: UCUM, code: code.ucum },
        });
      }
    } else if (e.kind === 'score') {
      const c = e.payload.content;
      add(`score-${r.seq}`, {
        resourceType: 'Observation',
        status,
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }] }],
        code: { text: c.scale === 'moaas' ? "Modified Observer's Assessment of Alertness/Sedation (MOAA/S)" : 'Clinician-Administered Dissociative States Scale, 6-item (CADSS-6) total' },
        ...common,
        valueInteger: c.scale === 'moaas' ? c.score : c.items.reduce((sum, i) => sum + i.answer, 0),
      });
    } else if (e.kind === 'observation') {
      add(`observation-${r.seq}`, {
        resourceType: 'Observation',
        status,
        code: { text: 'Session observation' },
        ...common,
        valueString: r.text,
      });
    }
  }

  return {
    resourceType: 'Bundle',
    id: uuidFor(sessionId, `bundle-${exportedAt}`),
    type: 'collection',
    timestamp: iso(exportedAt),
    entry: entries,
  };
}

const medicationText = (routeId: string) => (routeId === 'spravato' ? 'Esketamine nasal spray (Spravato)' : 'Ketamine');
