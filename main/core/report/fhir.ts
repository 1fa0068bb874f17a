import { createHash } from 'node:crypto';
import { zonedIso } from '../pure/clinic-time';
import { VITAL_SIGNS, VITALS_FIELDS, type VitalsValues } from '../pure/observations/vitals';
import type { SessionReport } from '../pure/report/model';
import { ROUTES, type RouteId } from '../pure/timeline/routes';

/**
 * A FHIR R4 Bundle of the session: the Patient (identified in the clinic's system), the Encounter, one Observation
 * per vital sign conforming to the R4 vital-signs profiles (blood pressure as one 85354-9 panel with its systolic
 * and diastolic components), one per score and note, and one MedicationAdministration per dose. Struck entries and
 * doses are kept, as entered-in-error. Every time carries the clinic's zone offset.
 */

type Resource = Record<string, unknown> & { resourceType: string };
const UCUM = 'http://unitsofmeasure.org';
const LOINC = 'http://loinc.org';
const PROFILE = 'http://hl7.org/fhir/StructureDefinition';
const VITAL_SIGNS_CATEGORY = [
  {
    coding: [
      {
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'vital-signs',
        display: 'Vital Signs',
      },
    ],
    text: 'Vital Signs',
  },
];

export interface FhirOptions {
  /** The clinic's patient identifier system (a URI), from the settings. */
  patientIdentifierSystem: string;
  /** The clinic's IANA time zone: every time is written with its offset there. */
  timeZone: string;
}

/**
 * The coding of each vital sign: the blood-pressure panel here, every sign's own from the one vital-sign registry.
 */
export const VITAL_SIGN_CODES = {
  bloodPressure: {
    profile: `${PROFILE}/bp`,
    codings: [{ code: '85354-9', display: 'Blood pressure panel with all children optional' }],
  },
  ...(Object.fromEntries(VITALS_FIELDS.map((f) => [f, VITAL_SIGNS[f].fhir])) as Record<
    keyof VitalsValues,
    (typeof VITAL_SIGNS)[keyof VitalsValues]['fhir']
  >),
};
/** The signs exported as an observation of their own: every sign of the registry with its own profile (blood pressure's two values are the panel's components). */
const SINGLE_SIGNS = VITALS_FIELDS.filter((f) => VITAL_SIGNS[f].fhir.profile !== null);

/** A stable UUID from the session and a local name, so the same session exports the same bundle. */
function uuidFor(sessionId: string, name: string): string {
  const h = createHash('sha256').update(`${sessionId}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
interface Coding {
  code: string;
  display: string;
}
const loinc = (codings: readonly Coding[], text: string) => ({
  coding: codings.map((c) => ({ system: LOINC, code: c.code, display: c.display })),
  text,
});
const quantity = (value: number, unit: string, ucum: string) => ({ value, unit, system: UCUM, code: ucum });

export function fhirBundle(report: SessionReport, exportedAt: number, options: FhirOptions): Resource {
  const { sessionId } = report;
  const at = (t: number) => zonedIso(t, options.timeZone);
  const patientUrl = `urn:uuid:${uuidFor(sessionId, 'patient')}`;
  const encounterUrl = `urn:uuid:${uuidFor(sessionId, 'encounter')}`;
  const subject = { reference: patientUrl, type: 'Patient', display: `Patient ${report.patientRef}` };
  const entries: { fullUrl: string; resource: Resource }[] = [];
  const add = (name: string, resource: Resource) => {
    const id = uuidFor(sessionId, name);
    entries.push({ fullUrl: `urn:uuid:${id}`, resource: { ...resource, id } });
  };
  const leftAgainstAdvice = report.outcome === 'left_against_advice';

  add('patient', {
    resourceType: 'Patient',
    identifier: [{ use: 'usual', system: options.patientIdentifierSystem, value: report.patientRef }],
  });

  add('encounter', {
    resourceType: 'Encounter',
    identifier: [{ system: 'urn:session-room:session', value: sessionId }],
    status: report.outcome === 'open' ? 'in-progress' : 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    serviceType: { text: `Ketamine-assisted psychotherapy medicine session: ${report.presetLabel}` },
    subject,
    participant: [report.therapist, report.sitter].filter(Boolean).map((name) => ({ individual: { display: name } })),
    period: { start: at(report.startedAt), ...(report.outcome === 'open' ? {} : { end: at(report.endAt) }) },
    ...(report.outcome === 'open'
      ? {}
      : {
          hospitalization: {
            dischargeDisposition: {
              coding: [
                leftAgainstAdvice
                  ? {
                      system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
                      code: 'aadvice',
                      display: 'Left against advice',
                    }
                  : {
                      system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
                      code: 'home',
                      display: 'Home',
                    },
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

  const administration = (
    name: string,
    dose: { at: number; author: string; mg: number; booster: boolean; lot: string | null },
    status: string,
    note: string | null,
  ) => {
    const medication = medicationText(report.routeId);
    add(name, {
      resourceType: 'MedicationAdministration',
      status,
      ...(dose.lot
        ? {
            contained: [
              {
                resourceType: 'Medication',
                id: 'medication',
                code: { text: medication },
                batch: { lotNumber: dose.lot },
              },
            ],
            medicationReference: { reference: '#medication' },
          }
        : { medicationCodeableConcept: { text: medication } }),
      subject,
      context: { reference: encounterUrl },
      effectiveDateTime: at(dose.at),
      performer: [{ actor: { display: dose.author } }],
      ...(note ? { note: [{ text: note }] } : {}),
      dosage: {
        text: `${dose.booster ? 'Booster' : 'Dose'} ${dose.mg} mg, ${report.presetLabel}`,
        route: { text: report.presetLabel },
        dose: quantity(dose.mg, 'mg', 'mg'),
      },
    });
  };
  for (const dose of report.doses) administration(`dose-${dose.seq}`, dose, 'completed', null);
  for (const struck of report.struckDoses) {
    if (struck.kind !== 'dose' || struck.mg === null) continue;
    administration(
      `dose-${struck.seq}`,
      { ...struck, mg: struck.mg },
      'entered-in-error',
      `Struck by ${struck.amendment.by}: ${struck.amendment.reason}`,
    );
  }

  for (const r of report.entries) {
    if (r.status === 'corrected') continue; // Its correction carries the current value; the JSON log keeps both.
    const status = r.status === 'struck' ? 'entered-in-error' : r.status === 'correction' ? 'amended' : 'final';
    const note =
      r.amendment && r.status === 'struck'
        ? { note: [{ text: `Struck by ${r.amendment.by}: ${r.amendment.reason}` }] }
        : {};
    const common = {
      subject,
      encounter: { reference: encounterUrl },
      effectiveDateTime: at(r.at),
      performer: [{ display: r.author }],
      ...note,
    };
    const e = r.entry;
    if (e.kind === 'vitals') {
      const v = e.payload.values;
      const vital = (name: string, profile: string, code: ReturnType<typeof loinc>, rest: Record<string, unknown>) =>
        add(`vitals-${r.seq}-${name}`, {
          resourceType: 'Observation',
          meta: { profile: [profile] },
          status,
          category: VITAL_SIGNS_CATEGORY,
          code,
          ...common,
          ...rest,
        });
      // The room takes blood pressure as both values or neither.
      if (v.systolic !== undefined && v.diastolic !== undefined) {
        const bp = VITAL_SIGN_CODES.bloodPressure;
        const component = (sign: 'systolic' | 'diastolic') => {
          const c = VITAL_SIGN_CODES[sign];
          return { code: loinc(c.codings, c.codings[0]!.display), valueQuantity: quantity(v[sign]!, c.unit, c.ucum) };
        };
        vital('bp', bp.profile, loinc(bp.codings, 'Blood pressure'), {
          component: [component('systolic'), component('diastolic')],
        });
      }
      for (const field of SINGLE_SIGNS) {
        const value = v[field];
        if (value === undefined) continue;
        const c = VITAL_SIGN_CODES[field];
        vital(field, c.profile!, loinc(c.codings, c.codings[0]!.display), {
          valueQuantity: quantity(value, c.unit, c.ucum),
        });
      }
    } else if (e.kind === 'score') {
      const c = e.payload.content;
      add(`score-${r.seq}`, {
        resourceType: 'Observation',
        status,
        category: [
          {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                code: 'survey',
                display: 'Survey',
              },
            ],
          },
        ],
        code: {
          text:
            c.scale === 'moaas'
              ? "Modified Observer's Assessment of Alertness/Sedation (MOAA/S)"
              : 'Clinician-Administered Dissociative States Scale, 6-item (CADSS-6) total',
        },
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
    timestamp: at(exportedAt),
    entry: entries,
  };
}

const medicationText = (routeId: RouteId) => ROUTES[routeId].medication;
