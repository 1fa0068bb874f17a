import type { SessionState } from '../session/fold';
import { computeTimeline } from '../timeline/timeline';
import { clockText } from '../time-text';
import { ATTESTATION_RULES, type AttestationItem } from './attestations';
import { baselineVitals, compareToBaseline, describeComparison, lastDoseAt, latestMoaas, withinFraction } from './evidence';
import { computePadss, type Padss } from './padss';
import { DEFAULT_REMS_OPTIONS, remsApplies, remsForm, type RemsOptions } from './rems';

const MIN = 60_000;

export type ConditionId =
  | 'time_since_last_dose'
  | 'moaas'
  | 'oriented'
  | 'steady_gait'
  | 'vitals'
  | 'nausea'
  | 'dissociation'
  | 'driver_present'
  | 'no_driving_acknowledged'
  | 'clinician'
  | 'rems_form';

export interface Condition {
  id: ConditionId;
  label: string;
  met: boolean;
  /** What the record shows, with who and when where a person attested it. */
  evidence: string | null;
  /** What is still missing, in words that fit after "Still missing: ". Null when met. */
  missing: string | null;
}
export interface Gate {
  conditions: Condition[];
  ready: boolean;
  missing: string[];
  padss: Padss;
}

const hhmm = clockText;
const minutesText = (ms: number) => {
  const m = Math.ceil(ms / MIN);
  return m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`;
};

/**
 * The discharge gate (CLINICAL.md section 7): every condition with its state and evidence. A pure function of
 * the session, the time and the discharging clinician's name. The time since the LAST dose is computed from
 * the record, never ticked by hand. Attestations count only when made after the last dose.
 */
export function dischargeGate(state: SessionState, now: number, clinician: string, rems: RemsOptions = DEFAULT_REMS_OPTIONS): Gate {
  const conditions: Condition[] = [];
  const add = (id: ConditionId, label: string, met: boolean, evidence: string | null, missing: string) =>
    conditions.push({ id, label, met, evidence, missing: met ? null : missing });
  const last = lastDoseAt(state);
  const attestations = state.discharge.attestations;
  const attested = (item: AttestationItem) => {
    const a = attestations[item];
    return a && last !== null && a.at >= last ? a : null;
  };
  const signed = (a: { by: string; at: number }) => `${a.by} at ${hhmm(a.at)}`;

  // Time since the last dose, against the preset's earliest discharge.
  const timeline = computeTimeline(state.preset, state.doses, state.marks, now);
  if (last === null || timeline.earliestDischargeAt === null) {
    add('time_since_last_dose', 'Minimum time since the last dose', false, null, 'no dose is recorded');
  } else {
    const due = timeline.earliestDischargeAt;
    add(
      'time_since_last_dose',
      'Minimum time since the last dose',
      now >= due,
      `${Math.floor((now - last) / MIN)} min since the last dose at ${hhmm(last)}; earliest discharge ${hhmm(due)} (${timeline.dischargeRule})`,
      `the minimum time since the last dose: ${minutesText(due - now)} to go (at ${hhmm(due)})`,
    );
  }

  // Only a score taken after the last dose says how the patient is now.
  const moaas = last === null ? null : latestMoaas(state, last);
  add(
    'moaas',
    'MOAA/S 5',
    moaas?.score === 5,
    moaas ? `latest MOAA/S ${moaas.score} at ${hhmm(moaas.at)} by ${moaas.author}` : null,
    moaas ? `a MOAA/S of 5 (latest is ${moaas.score})` : 'a MOAA/S score of 5 taken after the last dose',
  );

  for (const item of ['oriented', 'steady_gait'] as const) {
    const a = attested(item);
    const label = ATTESTATION_RULES[item].label;
    add(item, label, a?.answer === 'yes', a ? `${a.answer}, attested by ${signed(a)}` : null, a ? `${label.toLowerCase()} (attested "${a.answer}")` : `${label.toLowerCase()} attested`);
  }

  const comparison = compareToBaseline(state);
  const exception = attested('vitals_exception');
  const exceptionCounts = exception && (!comparison || exception.at >= comparison.latest.at);
  const within = comparison ? withinFraction(comparison.maxChange) : false;
  add(
    'vitals',
    'Vitals within 20% of baseline',
    within || Boolean(exceptionCounts),
    [comparison ? describeComparison(comparison) : null, exceptionCounts && exception ? `clinician attests why not (${signed(exception)}): ${exception.note}` : null]
      .filter(Boolean)
      .join('; ') || null,
    !comparison
      ? baselineVitals(state)
        ? 'a set of vitals after the last dose'
        : "a baseline set of vitals before the dose, or a clinician's note why not"
      : `vitals within 20% of baseline (${describeComparison(comparison)}), or a clinician's note why not`,
  );

  for (const item of ['nausea', 'dissociation'] as const) {
    const a = attested(item);
    const ok = a?.answer === 'resolved' || a?.answer === 'minimal';
    add(item, `${ATTESTATION_RULES[item].label} resolved or minimal`, ok, a ? `${a.answer}, attested by ${signed(a)}` : null, a ? `${item} resolved or minimal (attested "${a.answer}")` : `${item} attested resolved or minimal`);
  }

  // Present at discharge: a confirmation from before the last dose (say, at drop-off) does not count.
  const confirmed = state.discharge.driverConfirmed;
  const driver = confirmed && last !== null && confirmed.at >= last ? confirmed : null;
  add(
    'driver_present',
    'Driver or escort physically present',
    Boolean(driver),
    driver ? `${driver.name} (${driver.relationship}), ${driver.phone}; confirmed in person by ${signed(driver)}` : state.discharge.driver ? `expected: ${state.discharge.driver.name}, ${state.discharge.driver.phone}` : null,
    confirmed && !driver
      ? `the driver confirmed present in person again (the confirmation at ${hhmm(confirmed.at)} was before the last dose)`
      : 'the driver confirmed present in person (name, relationship, phone)',
  );

  const ack = attested('no_driving_acknowledged');
  add(
    'no_driving_acknowledged',
    'Patient acknowledges no driving until the next day after sleep',
    ack?.answer === 'yes',
    ack ? `${ack.answer}, recorded by ${signed(ack)}` : null,
    "the patient's acknowledgement of no driving until the next day",
  );

  if (remsApplies(state)) {
    const form = remsForm(state, now, rems);
    add('rems_form', 'Spravato REMS monitoring form complete', form.complete, form.complete ? 'every field filled' : null, `the REMS form: ${form.missing.join(', ')}`);
  }

  const name = clinician.trim();
  add('clinician', 'Discharging clinician confirms', name !== '', name ? `${name}` : null, "the discharging clinician's name");

  const missing = conditions.flatMap((c) => (c.missing ? [c.missing] : []));
  return { conditions, ready: missing.length === 0, missing, padss: computePadss(state) };
}

/** "Still missing: a, b and c." */
export function missingSentence(missing: string[]): string {
  if (missing.length === 0) return 'Everything needed for discharge is recorded.';
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join('; ')}; and ${missing[missing.length - 1]}`;
  return `Still missing: ${list}.`;
}
