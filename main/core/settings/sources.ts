/**
 * Where each shipped default comes from, shown beside its field in the admin settings: a public source a clinic can
 * check (title and address), or plainly a clinic convention its medical director signs off. When the clinic changes
 * a value, the line says who changed it and when (see `sourcesWithChanges`).
 */
import { DEFAULT_PRESETS, ROUTE_IDS, type RouteId } from '../timeline/presets';

export interface PresetFieldSources {
  phases: string;
  vitals: string;
  checkIn: string;
  discharge: string;
  /** The discharge evidence window, the BP and urgent re-checks, the pre-dose BP, the booster cap, the escort rule and the critical checklist items. */
  rules: string;
}

import type { RuleId } from '../pure/settings/rules';
export { RULE_IDS, RULE_LABELS, type RuleId } from '../pure/settings/rules';

export interface SettingsSources {
  presets: Record<RouteId, PresetFieldSources>;
  thresholds: string;
  tags: string;
  music: string;
  rules: Record<RuleId, string>;
}

/** The public sources, by title and address. */
const S = {
  spravatoLabel:
    'SPRAVATO (esketamine) nasal spray, US Prescribing Information, Janssen (https://www.janssenlabels.com/package-insert/product-monograph/prescribing-information/SPRAVATO-pi.pdf)',
  spravatoRems: 'SPRAVATO REMS: Patient Monitoring Form and program requirements (https://www.spravatorems.com)',
  askp: 'ASKP3, Routes of Administration (ROA), table of bioavailability and peak effect by route (https://www.askp.org/patients/routes-of-administration-roa/)',
  tripsit: 'TripSit, Ketamine factsheet: onset and duration by route (https://drugs.tripsit.me/ketamine)',
  rolan:
    'Rolan P et al., The absolute bioavailability of racemic ketamine from a novel sublingual formulation, Br J Clin Pharmacol 2014 (https://pmc.ncbi.nlm.nih.gov/articles/PMC4093926/)',
  intranasal: 'Intranasal ketamine, PMC9118341 (https://pmc.ncbi.nlm.nih.gov/articles/PMC9118341/)',
  szarmach:
    'Szarmach J et al. 2020, haemodynamic response to intravenous ketamine (https://pmc.ncbi.nlm.nih.gov/articles/PMC7605942/)',
  asa: 'ASA Practice Guidelines for Moderate Procedural Sedation and Analgesia 2018, Anesthesiology 2018;128:437-479 (https://doi.org/10.1097/ALN.0000000000002043)',
  chung:
    'Chung F, Chan VW, Ong D, A post-anesthetic discharge scoring system for home readiness after ambulatory surgery, J Clin Anesth 1995;7:500-506 (https://doi.org/10.1016/0952-8180(95)00130-a)',
  aldrete:
    'Aldrete JA, The post-anesthesia recovery score revisited, J Clin Anesth 1995;7:89-91 (https://doi.org/10.1016/0952-8180(94)00001-k)',
  marshallChung:
    'Marshall SI, Chung F, Discharge criteria and complications after ambulatory surgery (the modified PADSS), Anesth Analg 1999;88:508-517 (https://pubmed.ncbi.nlm.nih.gov/?term=Marshall+Chung+Discharge+criteria+and+complications+after+ambulatory+surgery)',
  freeman:
    'Freeman R et al., Consensus statement on the definition of orthostatic hypotension, neurally mediated syncope and the postural tachycardia syndrome, Clin Auton Res 2011;21:69-72 (https://doi.org/10.1007/s10286-011-0119-5)',
  chernik:
    "Chernik DA et al., Validity and reliability of the Observer's Assessment of Alertness/Sedation Scale, J Clin Psychopharmacol 1990;10:244-251 (https://pubmed.ncbi.nlm.nih.gov/2286697/)",
} as const;
export const CLINIC_CONVENTION = 'clinic convention: to be signed off by your medical director';
const convention = (what: string) => `${what}: ${CLINIC_CONVENTION}.`;

const PHASES: Record<RouteId, string> = {
  iv: `Onset, peak and effects end: ${S.askp}; ${S.szarmach}.`,
  im: `Onset, peak and effects end: ${S.askp}; ${S.tripsit}.`,
  intranasal: `Onset, peak and effects end: ${S.askp}; ${S.intranasal}.`,
  spravato: `Blood pressure and effects peak about 40 minutes after dosing, times counted from the last device: ${S.spravatoLabel}.`,
  // The 40-60 minute peak is said of KAP sessions in general on clinic pages, not of lozenges: it is not credited to the sublingual sources.
  sublingual: `Onset and absorption (held 10-15 minutes, then spat out): ${S.rolan}. ${convention('The expected peak of 40-60 minutes (clinic pages give it for KAP sessions in general, not for lozenges)')}`,
  oral: `Onset, peak and effects end: ${S.askp}; ${S.tripsit}.`,
};
const sedationSchedule = (id: RouteId) =>
  `Pulse oximetry with BP and HR during sedation: ${S.asa}. ${convention(`The schedule (${DEFAULT_PRESETS[id].vitals.atMin.join(', ')} min, then every ${DEFAULT_PRESETS[id].vitals.thenEveryMin} min)`)}`;
const VITALS: Record<RouteId, string> = {
  iv: sedationSchedule('iv'),
  im: sedationSchedule('im'),
  intranasal: sedationSchedule('intranasal'),
  spravato: `Blood pressure before dosing, about 40 minutes after, then as warranted and before the session ends; pulse oximetry: ${S.spravatoLabel}; ${S.spravatoRems}.`,
  sublingual: sedationSchedule('sublingual'),
  oral: sedationSchedule('oral'),
};
const CHECK_IN = convention('A visual check on the patient every 15 minutes');
const DISCHARGE: Record<RouteId, string> = {
  iv: convention(
    'Earliest discharge 100 minutes after the last dose, and at least 60 minutes after the infusion ends; the discharge waits for the end of the infusion to be marked (the planned length is only an estimate)',
  ),
  im: convention('Earliest discharge 90 minutes after the last dose'),
  intranasal: convention('Earliest discharge 120 minutes after the last dose'),
  spravato: `At least 2 hours of monitoring after the last device, never shortened: ${S.spravatoLabel}; ${S.spravatoRems}.`,
  sublingual: convention('Earliest discharge 120 minutes after the last dose (booked slot 180 minutes)'),
  oral: convention('Earliest discharge 180 minutes after the last dose'),
};

const RULES =
  `Evidence window (30 minutes): ${CLINIC_CONVENTION}; PADSS readiness is scored at the time of discharge and re-assessed every 30 minutes (${S.chung}), so a score, reading or attestation older than the window does not say how the patient is now. ` +
  `BP re-check 5 minutes after a reading past a warning threshold (high or low), and a BP about 40 minutes after each dose: blood pressure rises after esketamine, peaking about 40 minutes after dosing (${S.spravatoLabel}); the 5 minutes are a ${CLINIC_CONVENTION}. ` +
  `Every urgent alert brings a re-check of its sign 3 minutes later, and one still open 10 minutes after it was raised says to call the prescriber and follow the emergency plan: ${CLINIC_CONVENTION}. ` +
  `Pre-dose blood pressure: required before every Spravato dose (${S.spravatoLabel}); for other routes a ${CLINIC_CONVENTION}, on by default; it counts when taken after the session started and within 60 minutes of the dose (${CLINIC_CONVENTION}). ` +
  `A booster is the clinician's signed order, the boosters of a session together at most the planned dose (100 %), after a blood pressure and a MOAA/S of 4 or more within the evidence window: ${CLINIC_CONVENTION}. ` +
  `The escort is a known adult who takes the patient home, never a taxi or rideshare alone (${S.spravatoLabel}); seen in person at discharge by default, or, where the clinic chooses it, waiting nearby reachable by phone while staff walk the patient to the car: ${CLINIC_CONVENTION}. ` +
  `Critical checklist items (consent always; Spravato REMS enrolment, ${S.spravatoRems}; pregnancy) must be "yes" before the dose; any other "no" needs a named clinician who decides to proceed: ${CLINIC_CONVENTION}. ` +
  `No route discharges sooner than 60 minutes after the last dose, nor an infusion sooner than 60 minutes after its end (${CLINIC_CONVENTION}); Spravato never sooner than 2 hours (${S.spravatoRems}). ` +
  `Orthostatic check before discharge: a fall of 20 systolic or 10 diastolic on standing is orthostatic hypotension, a rise of 30 in heart rate the postural tachycardia of the same statement (${S.freeman}); holding the discharge on it, or on dizziness on standing, until a re-check passes, and the check on for IV and IM: ${CLINIC_CONVENTION}.`;

export const SETTINGS_SOURCES: SettingsSources = {
  presets: Object.fromEntries(
    ROUTE_IDS.map((id) => [
      id,
      { phases: PHASES[id], vitals: VITALS[id], checkIn: CHECK_IN, discharge: DISCHARGE[id], rules: RULES },
    ]),
  ) as Record<RouteId, PresetFieldSources>,
  thresholds:
    `Pre-dose BP 140/90: ${S.spravatoLabel}. SpO2 92 % warning, 90 % urgent: ${S.aldrete}. ` +
    `Urgent respiratory rate below 8 and MOAA/S 2 or less (responds only to prodding or shaking, or less): ${S.asa}; the MOAA/S scale: ${S.chernik}. ` +
    convention(
      'The other limits (BP 180/110 and 200/120; low BP systolic below 90 a warning, below 80 urgent; heart rate 120 and 50, urgent above 140 or below 40; respiratory rate 10 and 30; MOAA/S 3 a warning)',
    ),
  tags: `Adverse events as the label lists them (dissociation, dizziness, nausea, sedation, vertigo, headache, anxiety, vomiting): ${S.spravatoLabel}. ${convention('The session-note tags')}`,
  music:
    'Loudness measured as ITU-R BS.1770-4 / EBU R 128 (https://tech.ebu.ch/publications/r128). ' +
    convention('The -20 LUFS target and the fade lengths'),
  rules: {
    minimumTime: `Spravato: ${S.spravatoLabel}. ${convention('Other routes: the minutes set in each route preset, counted from the last dose')}`,
    moaas5: `The scale: ${S.chernik}. ${convention('Requiring 5 (responds readily to name in a normal tone) before discharge')}`,
    orientedSteadyGait: `Activity and mental status (oriented, steady gait) as PADSS scores them: ${S.chung}.`,
    vitalsWithin20:
      `Blood pressure and heart rate within 20 % of the pre-procedure values, as PADSS and Aldrete judge them (SpO2 and respiratory rate by their absolute thresholds): ${S.chung}; ${S.aldrete}. ` +
      `Blood pressure at or below the higher of the dosing limit (140/90, ${S.spravatoLabel}) and the patient's own pre-dose value, or a clinician's documented exception; no exception covers a value past an urgent threshold: ${CLINIC_CONVENTION}.`,
    padss: `Modified PADSS (vital signs, activity, nausea and vomiting, pain, surgical bleeding; intake and output are not scored) total of 9 or more is fit for discharge with an escort: ${S.marshallChung}; the original scale: ${S.chung}.`,
    nauseaDissociation: `Monitor until sedation and dissociation have resolved: ${S.spravatoLabel}. ${convention('"Minimal" as acceptable for other routes')}`,
    driverPresent: `Someone must take the patient home: ${S.spravatoLabel}. ${convention('The escort a known adult (a taxi or rideshare alone refused), confirmed present in person by staff; or, as a route preset setting, waiting nearby and reachable by phone while staff walk the patient to the car')}`,
    noDriving: `No driving or machinery until the next day after restful sleep: ${S.spravatoLabel}.`,
    alertsAcknowledged: convention('Every alert acknowledged before discharge'),
    rems: `The form and its 7-day submission: ${S.spravatoRems}.`,
    signedDischarge: convention('The discharging clinician signs the discharge with their name and PIN'),
    orthostatic:
      `Orthostatic hypotension is a sustained fall of at least 20 mmHg systolic or 10 mmHg diastolic within 3 minutes of standing; the postural tachycardia the same statement defines is a rise of 30 beats a minute or more: ${S.freeman}. ` +
      convention(
        'Holding the discharge on either, or on dizziness or lightheadedness on standing, until a new lying and standing pair passes; the re-check in 10 minutes; the check on for IV and IM by default',
      ),
    rescueCheck:
      `A pulse oximeter on site for monitoring: ${S.spravatoRems}. Emergency equipment (suction, supplemental oxygen, a means of positive-pressure ventilation such as a bag-valve mask) immediately available where patients are sedated: ${S.asa}. ` +
      convention(
        'The daily check before the first patient, its five items (monitor alarms on included), and "advised" rather than "required" as the default',
      ),
    followUpCall: `Assessing the patient after discharge, as ambulatory discharge practice does with the PADSS: ${S.chung}. ${convention("The call due on the clinic's next day, what it asks (the night, any adverse effect, mood), and the chair board's count of calls due")}`,
    checklist: `Spravato items (other nasal sprays, REMS enrolment): ${S.spravatoLabel}; ${S.spravatoRems}. ${convention('The general items (fasting, alcohol and benzodiazepines, escort, baseline BP, pregnancy, medication changes, consent, intention)')}`,
  },
};

/** Who changed a setting, and when: kept beside the settings, keyed by the source line it changes. */
export interface SettingChange {
  by: string;
  at: number;
}
export type SourceKey = `presets.${RouteId}.${keyof PresetFieldSources}` | 'thresholds' | 'tags' | 'music';

const changedLine = (source: string, change: SettingChange | undefined, date: (t: number) => string) =>
  change
    ? `${source} Changed from the shipped default by ${change.by} on ${date(change.at)}: the clinic's own value.`
    : source;

/** The sources with each changed value's line saying so. Only values that differ from the shipped default carry a change. */
export function sourcesWithChanges(
  changes: Partial<Record<SourceKey, SettingChange>>,
  date: (t: number) => string,
): SettingsSources {
  return {
    ...SETTINGS_SOURCES,
    presets: Object.fromEntries(
      ROUTE_IDS.map((id) => [
        id,
        Object.fromEntries(
          (Object.entries(SETTINGS_SOURCES.presets[id]) as [keyof PresetFieldSources, string][]).map(
            ([field, text]) => [field, changedLine(text, changes[`presets.${id}.${field}`], date)],
          ),
        ),
      ]),
    ) as unknown as Record<RouteId, PresetFieldSources>,
    thresholds: changedLine(SETTINGS_SOURCES.thresholds, changes.thresholds, date),
    tags: changedLine(SETTINGS_SOURCES.tags, changes.tags, date),
    music: changedLine(SETTINGS_SOURCES.music, changes.music, date),
  };
}

/** Which source lines a preset's fields belong to. */
export const PRESET_SOURCE_FIELDS: Record<keyof PresetFieldSources, readonly string[]> = {
  phases: ['onset', 'peak', 'effectsEnd'],
  vitals: ['vitals'],
  checkIn: ['checkInEveryMin'],
  // The planned infusion length is edited and reset with the earliest discharge, whose source speaks of it.
  discharge: ['earliestDischargeMin', 'infusionMin', 'dischargeAfterInfusionEndMin', 'dischargeFloorMin', 'slotMin'],
  rules: [
    'evidenceWindowMin',
    'bpRecheckMin',
    'urgentRecheckMin',
    'preDoseBpRequired',
    'preDoseBpWithinMin',
    'boosterCapPercent',
    'escortRule',
    'criticalChecklist',
    'orthostaticCheck',
  ],
};
