import type { RuleId } from '../settings/rules';
import { ATTESTATION_RULES } from './attestations';

/**
 * The discharge conditions, one row each, in the order the screens list them: the label the gate, the report and the room
 * show (the rule in full), the short name that leads the condition's one line on the room's screen ("Vitals: need SpO2, RR
 * after the dose"), and the settings rule whose public source the admin screen shows for it. The gate (rules/gate.ts)
 * evaluates each row and writes that line; an id missing here fails the typecheck there, and a rule without a source
 * fails it in settings/sources.ts.
 */
export const DISCHARGE_CONDITIONS = {
  time_since_last_dose: { name: 'Time', label: 'Minimum time since the last dose', rule: 'minimumTime' },
  moaas: { name: 'MOAA/S', label: 'MOAA/S 5', rule: 'moaas5' },
  oriented: { name: 'Oriented', label: ATTESTATION_RULES.oriented.label, rule: 'orientedSteadyGait' },
  steady_gait: { name: 'Steady gait', label: ATTESTATION_RULES.steady_gait.label, rule: 'orientedSteadyGait' },
  vitals: {
    name: 'Vitals',
    label:
      'Pre-discharge vitals: recent, inside the alert thresholds; BP and heart rate within 20% of baseline; BP at or below the dosing limit or the pre-dose value',
    rule: 'vitalsWithin20',
  },
  open_alerts: { name: 'Alerts', label: 'No open alerts', rule: 'alertsAcknowledged' },
  orthostatic: {
    name: 'Orthostatic',
    label:
      'Orthostatic check: BP and heart rate lying, then standing, without a fall, a rise or dizziness that holds discharge',
    rule: 'orthostatic',
  },
  nausea: {
    name: 'Nausea',
    label: `${ATTESTATION_RULES.nausea.label} resolved or minimal`,
    rule: 'nauseaDissociation',
  },
  /** On a REMS route (Spravato) monitoring goes on until dissociation has resolved: "minimal" is not enough there. */
  dissociation: {
    name: 'Dissociation',
    label: `${ATTESTATION_RULES.dissociation.label} resolved or minimal`,
    remsLabel: `${ATTESTATION_RULES.dissociation.label} resolved`,
    rule: 'nauseaDissociation',
  },
  /** The label follows the clinic's escort rule (gate.ts names it). */
  driver_present: { name: 'Escort', label: 'Driver or escort present', rule: 'driverPresent' },
  no_driving_acknowledged: {
    name: 'No driving',
    label: 'Patient acknowledges no driving until the next day after sleep',
    rule: 'noDriving',
  },
  rems_form: { name: 'REMS form', label: 'Spravato REMS monitoring form complete', rule: 'rems' },
  clinician: { name: 'Clinician', label: 'Discharging clinician confirms', rule: 'signedDischarge' },
} as const satisfies Record<string, { name: string; label: string; rule: RuleId; remsLabel?: string }>;

export type ConditionId = keyof typeof DISCHARGE_CONDITIONS;
export const CONDITION_IDS = Object.keys(DISCHARGE_CONDITIONS) as ConditionId[];
