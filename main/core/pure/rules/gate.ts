import type { SessionState } from '../session/fold';
import { computeTimeline } from '../timeline/timeline';
import { clockText } from '../time-text';
import { ATTESTATION_RULES, CONTRADICTING_TAGS, type AttestationItem } from '../discharge/attestations';
import { live } from './due';
import { latestMoaas } from './evidence';
import { computePadss, type Padss } from './padss';
import { openAlerts } from './open-alerts';
import { evidenceWindow, isRecent, staleText, tPlus, type EvidenceWindow } from './recent';
import { DEFAULT_REMS_OPTIONS, remsApplies, remsForm, type RemsOptions } from './rems';
import { vitalsAtDischarge, type BpLimit } from './vitals-check';
import { ESCORT_RULE_LABELS, escortProblem } from '../discharge/escort';
import { presetRules } from '../discharge/rules';
import { DOSING_LIMIT_BP } from '../observations/vitals';
import { routeOf } from '../timeline/routes';
import { CONDITION_IDS, DISCHARGE_CONDITIONS, type ConditionId } from '../discharge/conditions';
import { orthostaticCondition } from './orthostatic-gate';

export type { ConditionId };

/**
 * What the gate is told besides the session: the REMS form's options (the clinic's time zone among them, in which every
 * time the gate writes is written), and the clinic's dosing limit (its thresholds' pre-dose BP), against which blood
 * pressure is judged at discharge; a caller not told it uses the shipped 140/90.
 */
export type GateOptions = RemsOptions & {
  dosingLimit?: BpLimit;
  /** Leaves the REMS form out: the form's "ready to leave" reads the gate's other conditions (rems-record.ts). */
  withoutRemsForm?: boolean;
};

const MIN = 60_000;

export interface Condition {
  id: ConditionId;
  label: string;
  /**
   * The condition on one line for the room's screen: its short name (the table's) and the one fact that matters now, under
   * about 100 characters ("Vitals: need SpO2, RR after the dose"; "Time: 1 h 0 min to go (13:36)"). The evidence, the rule
   * and what is missing in full are the other fields.
   */
  line: string;
  met: boolean;
  /** What the record shows, with who and when where a person attested it. */
  evidence: string | null;
  /** What is still missing, in words that fit after "Still missing: ". Null when met. */
  missing: string | null;
  /** A finding that holds the discharge, as its own sentence (the orthostatic check's), said before what is missing. */
  hold?: string;
}
export interface Gate {
  conditions: Condition[];
  ready: boolean;
  missing: string[];
  /** Sentences of findings that hold the discharge (a failed orthostatic check), each naming its values. */
  holds: string[];
  padss: Padss;
}

/** "48 min old": how old a piece of evidence is, for a condition's one line. */
const oldText = (now: number, t: number) => `${Math.round((now - t) / MIN)} min old`;

const minutesText = (ms: number) => {
  const m = Math.ceil(ms / MIN);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
};

/**
 * The discharge gate (CLINICAL.md section 7): every condition with its state and evidence. A pure function of
 * the session, the time, the discharging clinician's name and the options (times written in their zone). The time since the LAST dose is computed from
 * the record, never ticked by hand. Every piece of evidence counts only when taken after the last dose and
 * within the preset's window before the discharge (default 30 minutes): the gate proves the patient is safe
 * now, not that they were safe an hour ago. A stale piece is named with its age and what to do.
 */
export function dischargeGate(
  state: SessionState,
  now: number,
  clinician: string,
  options: GateOptions = DEFAULT_REMS_OPTIONS,
): Gate {
  const rems: RemsOptions = options;
  const conditions: Condition[] = [];
  const add: Add = (id, met, evidence, missing, fact, label = DISCHARGE_CONDITIONS[id].label) =>
    conditions.push({
      id,
      label,
      line: `${DISCHARGE_CONDITIONS[id].name}: ${fact}`,
      met,
      evidence,
      missing: met ? null : missing,
    });
  const age = (t: number) => oldText(now, t);
  const w = evidenceWindow(state, now);
  const at = (t: number) => clockText(t, options.timeZone);
  const signed = (a: { by: string; at: number }) => `${a.by} at ${at(a.at)}`;
  /** An attestation, if made after the last dose; `stale` when older than the window. */
  const attested = (item: AttestationItem) => {
    const a = state.discharge.attestations[item];
    return a && w && a.at >= w.lastDoseAt ? { ...a, stale: !isRecent(w, a.at) } : null;
  };

  // Only a recent score taken after the last dose says how the patient is now.
  const moaasCondition = () => {
    const moaas = w ? latestMoaas(state, w.lastDoseAt) : null;
    const moaasFresh = moaas && w && isRecent(w, moaas.at);
    add(
      'moaas',
      moaas?.score === 5 && Boolean(moaasFresh),
      moaas ? `latest MOAA/S ${moaas.score} at ${at(moaas.at)} by ${moaas.author}` : null,
      !moaas || !w
        ? 'a MOAA/S score of 5 taken after the last dose'
        : !moaasFresh
          ? staleText(w, `MOAA/S ${moaas.score}`, moaas.at, 'score again')
          : `a MOAA/S of 5 (latest is ${moaas.score})`,
      !moaas || !w
        ? 'not yet scored after the dose'
        : !moaasFresh
          ? `${moaas.score} at ${at(moaas.at)} is ${age(moaas.at)}: score again`
          : moaas.score === 5
            ? `5 at ${at(moaas.at)}`
            : `latest ${moaas.score} at ${at(moaas.at)}: needs 5`,
    );
  };

  const attestation = (
    id: 'oriented' | 'steady_gait' | 'nausea' | 'dissociation' | 'no_driving_acknowledged',
    label: string,
    good: readonly string[],
    none: string,
    wrong: (answer: string) => string,
    verb = 'attested',
    conditionLabel?: string,
  ) => {
    const a = attested(id);
    const since = a && w ? contradictedSince(state, id, a.at) : null;
    const ok = Boolean(a && !a.stale && !since && good.includes(a.answer));
    const missing =
      !a || !w
        ? none
        : a.stale
          ? staleText(w, `${label}: "${a.answer}"`, a.at, verb === 'recorded' ? 'ask again' : 'attest again', verb)
          : since
            ? `${label.toLowerCase()} attested again: "${since.tag}" was noted at ${tPlus(w, since.at)}, after it was attested "${a.answer}"`
            : wrong(a.answer);
    const fact =
      !a || !w
        ? `not yet ${verb}`
        : a.stale
          ? `"${a.answer}" is ${age(a.at)}: ${verb === 'recorded' ? 'ask again' : 'attest again'}`
          : since
            ? `"${since.tag}" noted since: attest again`
            : ok
              ? `${a.answer} (${signed(a)})`
              : `attested "${a.answer}"`;
    add(id, ok, a ? `${a.answer}, ${verb} by ${signed(a)}` : null, missing, fact, conditionLabel);
  };
  const yesAttested = (item: 'oriented' | 'steady_gait') => {
    const label = ATTESTATION_RULES[item].label;
    attestation(
      item,
      label,
      ['yes'],
      `${label.toLowerCase()} attested`,
      (answer) => `${label.toLowerCase()} (attested "${answer}")`,
    );
  };
  const symptomResolved = (item: 'nausea' | 'dissociation') => {
    // A REMS route (Spravato) monitors until dissociation has resolved: "minimal" is not enough there.
    if (item === 'dissociation' && routeOf(state.preset).rems) {
      return attestation(
        item,
        ATTESTATION_RULES[item].label,
        ['resolved'],
        'dissociation attested resolved',
        (answer) => `dissociation resolved (attested "${answer}": the REMS monitors until it has resolved)`,
        'attested',
        DISCHARGE_CONDITIONS.dissociation.remsLabel,
      );
    }
    attestation(
      item,
      ATTESTATION_RULES[item].label,
      ['resolved', 'minimal'],
      `${item} attested resolved or minimal`,
      (answer) => `${item} resolved or minimal (attested "${answer}")`,
    );
  };
  // Lying and standing, for a route whose preset asks for it: a failed pair holds the discharge with its own sentence.
  const orthostaticRow = () => {
    const orthostatic = orthostaticCondition(state, w, options.timeZone);
    if (!orthostatic) return;
    const fact = orthostatic.met
      ? 'passed'
      : orthostatic.hold
        ? 'failed on standing: re-check'
        : orthostatic.evidence
          ? 'too old: check again lying and standing'
          : 'not yet done lying and standing';
    add('orthostatic', orthostatic.met, orthostatic.evidence, orthostatic.missing, fact);
    if (orthostatic.hold) conditions[conditions.length - 1]!.hold = orthostatic.hold;
  };

  const noDriving = "the patient's acknowledgement of no driving until the next day";
  const noDrivingRow = () =>
    attestation(
      'no_driving_acknowledged',
      'Patient acknowledges no driving until the next day after sleep',
      ['yes'],
      noDriving,
      () => noDriving,
      'recorded',
    );

  const remsRow = () => {
    if (remsApplies(state) && !options.withoutRemsForm) {
      const form = remsForm(state, now, rems);
      const notAcceptable = state.discharge.rems.vitalsAcceptableBeforeEnd?.value === 'no';
      const missing = [
        ...(form.complete ? [] : [`the REMS form: ${form.missing.join(', ')}`]),
        ...(notAcceptable
          ? [
              'the REMS form answers that vital signs were not acceptable before the end of monitoring: re-assess, and answer again once they are',
            ]
          : []),
      ];
      const fact = !form.complete
        ? `${form.missing.length} ${form.missing.length === 1 ? 'field' : 'fields'} to fill`
        : notAcceptable
          ? 'vital signs answered not acceptable: re-assess'
          : 'complete';
      add('rems_form', missing.length === 0, form.complete ? 'every field filled' : null, missing.join(', and '), fact);
    }
  };

  const clinicianRow = () => {
    const name = clinician.trim();
    add(
      'clinician',
      name !== '',
      name ? `${name}` : null,
      "the discharging clinician's name",
      name ? `${name} signs` : 'signs the Discharge',
    );
  };

  // One evaluation per row of the conditions table, in its order: a row without one fails the typecheck here. A row
  // that does not apply to this session (the REMS form off Spravato, the orthostatic check where the preset has none) adds nothing.
  const evaluate: { [K in ConditionId]: () => void } = {
    time_since_last_dose: () => timeCondition(state, now, at, add),
    moaas: moaasCondition,
    oriented: () => yesAttested('oriented'),
    steady_gait: () => yesAttested('steady_gait'),
    vitals: () =>
      vitalsCondition(state, w, attested('vitals_exception'), signed, at, add, options.dosingLimit ?? DOSING_LIMIT_BP),
    open_alerts: () => alertsCondition(state, w, add),
    orthostatic: orthostaticRow,
    nausea: () => symptomResolved('nausea'),
    dissociation: () => symptomResolved('dissociation'),
    driver_present: () => driverCondition(state, w, signed, at, add),
    no_driving_acknowledged: noDrivingRow,
    rems_form: remsRow,
    clinician: clinicianRow,
  };
  for (const id of CONDITION_IDS) evaluate[id]();

  const missing = conditions.flatMap((c) => (c.missing ? [c.missing] : []));
  const holds = conditions.flatMap((c) => (c.hold ? [c.hold] : []));
  return { conditions, ready: missing.length === 0, missing, holds, padss: computePadss(state, now) };
}

/**
 * A condition's outcome: its evidence, what is missing in full, and the one fact its short line states; its label is the
 * table's (conditions.ts), unless the rule in force names it (the escort rule).
 */
type Add = (
  id: ConditionId,
  met: boolean,
  evidence: string | null,
  missing: string,
  fact: string,
  label?: string,
) => void;
/** A clock time as the gate writes it: in the zone of its options. */
type Clock = (t: number) => string;

/** Time since the last dose against the preset's earliest discharge; for an infusion, from its marked end. */
function timeCondition(state: SessionState, now: number, hhmm: Clock, add: Add): void {
  const timeline = computeTimeline(state.preset, state.doses, state.marks, now);
  const last = timeline.lastDoseAt;
  if (last === null || timeline.earliestDischargeAt === null)
    return add('time_since_last_dose', false, null, 'no dose is recorded', 'no dose recorded');
  // Reopened with a clock it could not trust, the room counts no time (nor any evidence window) until a clinician confirms it.
  if (state.timeUnconfirmed) {
    return add(
      'time_since_last_dose',
      false,
      `time unconfirmed since ${hhmm(state.timeUnconfirmed.at)}: ${state.timeUnconfirmed.reasons.join(' ')}`,
      "a clinician's confirmation of the current time (the room reopened with a clock it could not trust)",
      'time unconfirmed: a clinician confirms it',
    );
  }
  const infusion = routeOf(state.preset).infusion;
  const ended = state.marks.find((m) => m.kind === 'infusion_ended' && m.at >= last);
  if (infusion && !ended) {
    return add(
      'time_since_last_dose',
      false,
      `${Math.floor((now - last) / MIN)} min since the last dose at ${hhmm(last)}; the infusion end is not marked`,
      'mark the end of the infusion ("Infusion ended"): the wait counts from it',
      'mark "Infusion ended": the wait counts from it',
    );
  }
  const due = timeline.earliestDischargeAt;
  add(
    'time_since_last_dose',
    now >= due,
    `${Math.floor((now - last) / MIN)} min since the last dose at ${hhmm(last)}; earliest discharge ${hhmm(due)} (${timeline.dischargeRule})`,
    `the minimum time since the last dose: ${minutesText(due - now)} to go (at ${hhmm(due)})`,
    now >= due
      ? `${minutesText(now - last)} since the dose (${hhmm(due)} reached)`
      : `${minutesText(due - now)} to go (${hhmm(due)})`,
  );
}

/** When the vitals on record last changed: a reading saved, or one corrected or struck. */
function vitalsLastChangedAt(state: SessionState): number {
  let at = 0;
  for (const e of state.entries)
    if (e.kind === 'vitals') at = Math.max(at, e.recordedAt, e.struck?.at ?? 0, e.correctedBy?.at ?? 0);
  return at;
}

/** The first live observation tagged against the attestation, noted after it was made; null when none. */
function contradictedSince(
  state: SessionState,
  item: AttestationItem,
  attestedAt: number,
): { tag: string; at: number } | null {
  const against = CONTRADICTING_TAGS[item] ?? [];
  for (const e of state.entries) {
    if (e.kind !== 'observation' || !live(e) || e.at <= attestedAt) continue;
    // Tags as the admin spelled them: "Vomiting" is "vomiting".
    const tag = e.payload.tags.find((t) => against.includes(t.trim().toLocaleLowerCase()));
    if (tag) return { tag, at: e.at };
  }
  return null;
}

/**
 * Pre-discharge vitals: each sign's latest reading, recent and inside the alert thresholds; BP and heart rate within 20%
 * of baseline; BP at or below the higher of the dosing limit and the pre-dose value. A clinician's documented exception
 * may cover a value out of these, never one past an urgent threshold: that must resolve.
 */
function vitalsCondition(
  state: SessionState,
  w: EvidenceWindow | null,
  exception: { at: number; by: string; note?: string; stale: boolean } | null,
  signed: (a: { by: string; at: number }) => string,
  hhmm: Clock,
  add: Add,
  dosingLimit: BpLimit,
): void {
  const v = vitalsAtDischarge(state, w, dosingLimit);
  // The exception covers the vitals on record when the clinician wrote it: any reading saved, corrected or struck since
  // (a baseline one included) needs a new one.
  const changedAt = vitalsLastChangedAt(state);
  const exceptionCounts = Boolean(
    exception && !exception.stale && v.latestAt !== null && exception.at >= v.latestAt && exception.at >= changedAt,
  );
  const readings = v.signs.flatMap((s) => (s.entry && s.text && w ? [`${s.text} at ${tPlus(w, s.entry.at)}`] : []));
  const evidence =
    [
      readings.join(', ') || null,
      exceptionCounts && exception
        ? `clinician documents why discharge is safe (${signed(exception)}): ${exception.note}`
        : null,
    ]
      .filter(Boolean)
      .join('; ') || null;
  const outOfRange = v.outOfRange.length > 0 && !exceptionCounts;
  const parts: string[] = [];
  const lead = () => (parts.length ? 'and' : 'pre-discharge vitals');
  if (v.toMeasure.length) parts.push(`${lead()}: ${v.toMeasure.join(', ')}`.replace(/^and: /, 'and '));
  if (v.pastUrgent.length) {
    parts.push(
      `${lead()} back inside the urgent thresholds: ${v.pastUrgent.join(', ')} (no exception covers a value past an urgent threshold: it must resolve; measure again once it has)`,
    );
  }
  if (outOfRange) {
    parts.push(
      `${lead()} in range: ${v.outOfRange.join(', ')}; or a clinician's documented exception saying why discharge is safe${exception && !exception.stale && v.latestAt !== null ? ` (the one by ${signed(exception)} was written before the latest reading reached the record: document it again)` : ''}`,
    );
  }
  add('vitals', parts.length === 0, evidence, parts.join('; '), vitalsFact(v, exceptionCounts, exception, hhmm));
}

/** The vitals on one line: which signs to measure, which must resolve or be in range, or the latest values when they hold. */
function vitalsFact(
  v: ReturnType<typeof vitalsAtDischarge>,
  exceptionCounts: boolean,
  exception: { at: number; by: string } | null,
  hhmm: Clock,
): string {
  const named = (standing: string) => v.signs.filter((s) => s.standing === standing);
  const list = (signs: typeof v.signs, withValue = false) =>
    signs.map((s) => (withValue ? `${s.short} ${s.value}` : s.short)).join(', ');
  const facts: string[] = [];
  if (named('none').length) facts.push(`need ${list(named('none'))} after the dose`);
  if (named('stale').length) facts.push(`measure ${list(named('stale'))} again`);
  if (named('urgent').length) facts.push(`${list(named('urgent'), true)} past urgent: must resolve`);
  if (!exceptionCounts && named('out').length) facts.push(`${list(named('out'), true)} out of range`);
  if (!exceptionCounts && v.noBaseline) facts.push('no pre-dose BP or HR to compare with');
  if (facts.length) return facts.join('; ');
  const values = list(v.signs, true);
  return exceptionCounts && exception ? `${values}; exception by ${exception.by} ${hhmm(exception.at)}` : values;
}

/**
 * Who takes the patient home: a known adult (never a taxi or rideshare alone), confirmed after the last dose and within
 * the window, as the preset's rule asks: seen in person (the default), or, where the clinic chose it, waiting nearby and
 * reachable by phone while staff walk the patient to the car. The condition's label names the rule, and the record keeps it.
 */
function driverCondition(
  state: SessionState,
  w: EvidenceWindow | null,
  signed: (a: { by: string; at: number }) => string,
  hhmm: Clock,
  add: Add,
): void {
  const rule = presetRules(state.preset).escortRule;
  // Present at discharge: a confirmation from before the last dose (say, at drop-off), or long ago, does not count.
  const confirmed = state.discharge.driverConfirmed;
  const driver = confirmed && w && confirmed.at >= w.lastDoseAt ? confirmed : null;
  const driverFresh = Boolean(driver && w && isRecent(w, driver.at));
  const presence = driver?.presence ?? 'in_person';
  const notAnEscort = driver ? escortProblem(driver) : null;
  // Reached by phone counts only where the clinic's rule lets the escort wait nearby.
  const presenceOk = presence === 'in_person' || rule === 'waiting_reachable';
  const waiting = rule === 'waiting_reachable';
  const asked = waiting
    ? 'confirmed waiting nearby and reachable by phone, or present in person'
    : 'confirmed present in person';
  const evidence = driver
    ? `${driver.name} (${driver.relationship}), ${driver.phone}; ${presence === 'in_person' ? 'confirmed in person' : 'waiting nearby, reached by phone'} by ${signed(driver)}${waiting ? '; staff walk the patient to the car' : ''}`
    : state.discharge.driver
      ? `expected: ${state.discharge.driver.name}, ${state.discharge.driver.phone}`
      : null;
  const missing = notAnEscort
    ? `a known adult as the escort: ${notAnEscort.replace(/ Enter that person's name, relationship and phone\.$/, '')}`
    : driver && !presenceOk
      ? `the driver (${driver.name}) confirmed present in person: they were reached by phone, and this route's rule asks for the escort in person`
      : driver && w
        ? staleText(
            w,
            `the driver (${driver.name})`,
            driver.at,
            waiting ? 'confirm again (in person, or waiting and reachable by phone)' : 'confirm again in person',
            presence === 'in_person' ? 'confirmed present' : 'confirmed waiting',
          )
        : confirmed
          ? `the driver ${asked} again (the confirmation at ${hhmm(confirmed.at)} was before the last dose)`
          : `the driver ${asked} (name, relationship, phone)`;
  const met = driverFresh && presenceOk && !notAnEscort;
  const fact = met
    ? `${driver!.name} ${presence === 'in_person' ? 'confirmed in person' : 'waiting, reached by phone'}`
    : notAnEscort
      ? 'not a known adult escort: enter a person'
      : driver && !presenceOk
        ? `${driver.name} reached by phone: confirm in person`
        : driver
          ? `confirmed ${w ? oldText(w.now, driver.at) : 'earlier'}: confirm again`
          : confirmed
            ? 'confirmed before the last dose: confirm again'
            : waiting
              ? 'not yet confirmed nearby or present'
              : 'not yet confirmed present';
  add('driver_present', met, evidence, missing, fact, ESCORT_RULE_LABELS[rule]);
}

/** Any alert nobody has acknowledged holds the discharge. */
function alertsCondition(state: SessionState, w: EvidenceWindow | null, add: Add): void {
  const open = openAlerts(state);
  const urgent = open.filter((a) => a.level === 'urgent').length;
  // Urgent first, then the newest (the alerts' own order); past three the rest are counted, not listed.
  const shown = open.slice(0, 3);
  const list = shown.map((a) => `"${a.message.replace(/\.$/, '')}" (${a.level}${w ? `, ${tPlus(w, a.at)}` : ''})`);
  const more = open.length > shown.length ? ` and ${open.length - shown.length} more` : '';
  add(
    'open_alerts',
    open.length === 0,
    open.length === 0 ? 'every alert acknowledged' : null,
    `the open ${open.length === 1 ? 'alert' : 'alerts'} acknowledged: ${list.join(', ')}${more}`,
    open.length === 0
      ? 'none open'
      : `${open.length} open${urgent ? ` (${urgent} urgent)` : ''}: acknowledge ${open.length === 1 ? 'it' : 'each'}`,
  );
}

/** The discharge refused: what holds it, each in its own sentence, then what is still missing. */
export function notReadySentence(gate: Pick<Gate, 'holds' | 'missing'>): string {
  return ['The patient cannot be discharged yet.', ...gate.holds, missingSentence(gate.missing)].join(' ');
}

/**
 * "Still missing: Time, MOAA/S and Escort.": the short names of the conditions not met, for the sentence beside the
 * Discharge button (each condition's own line says what it needs). The refusal names everything in full (notReadySentence).
 */
export function missingNamesSentence(gate: Pick<Gate, 'conditions'>): string {
  const names = gate.conditions.filter((c) => !c.met).map((c) => DISCHARGE_CONDITIONS[c.id].name);
  if (names.length === 0) return 'Everything needed for discharge is recorded.';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Still missing: ${list}.`;
}

/** "Still missing: a, b and c." */
export function missingSentence(missing: string[]): string {
  if (missing.length === 0) return 'Everything needed for discharge is recorded.';
  const list =
    missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join('; ')}; and ${missing[missing.length - 1]}`;
  return `Still missing: ${list}.`;
}
