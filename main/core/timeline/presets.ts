import { z } from 'zod';
import { ROUTE_IDS, type RouteId } from '../pure/timeline/routes';
import { CHECKLIST_ITEM_IDS, inChecklistOrder } from '../pure/discharge/checklist';
import {
  BOOSTER_CAP_PERCENT,
  BP_RECHECK_MIN,
  CLINIC_DISCHARGE_FLOOR_MIN,
  DEFAULT_CRITICAL_CHECKLIST,
  EVIDENCE_WINDOW_MIN,
  PRE_DOSE_BP_WITHIN_MIN,
  URGENT_RECHECK_MIN,
} from '../pure/discharge/rules';
import { DEFAULT_ESCORT_RULE, ESCORT_RULES } from '../pure/discharge/escort';

export { ROUTE_IDS, type RouteId };

/** A min-max range in minutes from the dose: each phase is a range, not a point. */
export const rangeSchema = z
  .object({ min: z.number().min(0).max(600), max: z.number().min(0).max(600) })
  .refine((r) => r.min <= r.max, { message: 'the earliest minute must not be after the latest' });

export const presetSchema = z
  .object({
    id: z.enum(ROUTE_IDS),
    label: z.string().min(1).max(80),
    /** Effects begin. */
    onset: rangeSchema,
    /** The expected peak window. */
    peak: rangeSchema,
    /** Main effects end. */
    effectsEnd: rangeSchema,
    /** Earliest discharge, minutes after the LAST dose. */
    earliestDischargeMin: z.number().int().min(0).max(600),
    /** IV only: the infusion's planned length, and the minimum wait after it ends. */
    infusionMin: z.number().int().min(1).max(240).optional(),
    dischargeAfterInfusionEndMin: z
      .number()
      .int()
      .min(
        CLINIC_DISCHARGE_FLOOR_MIN,
        `the wait after the infusion ends cannot be under the clinic floor of ${CLINIC_DISCHARGE_FLOOR_MIN} minutes`,
      )
      .max(600)
      .optional(),
    /** A floor the clinic cannot shorten (Spravato REMS: 120 minutes). */
    dischargeFloorMin: z.number().int().min(0).max(600).optional(),
    /** The booked slot, where the clinic books longer than the minimum. */
    slotMin: z.number().int().min(0).max(720).optional(),
    /** Vitals: minutes after the dose (0 = baseline before dosing), the required ones, then every N minutes. */
    vitals: z.object({
      atMin: z.array(z.number().int().min(0).max(600)).max(40),
      requiredAtMin: z.array(z.number().int().min(0).max(600)).max(40),
      thenEveryMin: z.number().int().min(5).max(120),
    }),
    checkInEveryMin: z.number().int().min(1).max(120),
    source: z.string().max(2000),
    /** The day-of checklist items for this route; unset means every general item (and Spravato's own for Spravato). */
    checklist: z.array(z.enum(CHECKLIST_ITEM_IDS)).max(20).optional(),
    /** Discharge evidence (MOAA/S, vitals, attestations, the driver) counts only when this recent. */
    evidenceWindowMin: z.number().int().min(5).max(120).default(EVIDENCE_WINDOW_MIN),
    /** A blood pressure past a warning threshold (high or low) is re-checked this many minutes later. */
    bpRecheckMin: z.number().int().min(1).max(30).default(BP_RECHECK_MIN),
    /** Every urgent alert brings a re-check of its sign this many minutes after its reading. */
    urgentRecheckMin: z.number().int().min(1).max(15).default(URGENT_RECHECK_MIN),
    /** No first dose without a blood pressure taken before it (always on for Spravato). */
    preDoseBpRequired: z.boolean().default(true),
    /** The pre-dose blood pressure counts when taken after the session started and at most this many minutes before the dose. */
    preDoseBpWithinMin: z.number().int().min(5).max(240).default(PRE_DOSE_BP_WITHIN_MIN),
    /** The boosters of a session together at most this percent of the planned dose (0: no booster). */
    boosterCapPercent: z.number().int().min(0).max(200).default(BOOSTER_CAP_PERCENT),
    /** Who takes the patient home is seen in person at discharge, or (the clinic's choice) waits nearby reachable by phone. */
    escortRule: z.enum(ESCORT_RULES).default(DEFAULT_ESCORT_RULE),
    /** Checklist items that must be "yes" for the dose (consent always; Spravato's REMS enrolment always). */
    criticalChecklist: z
      .array(z.enum(CHECKLIST_ITEM_IDS))
      .max(20)
      .default(() => [...DEFAULT_CRITICAL_CHECKLIST])
      .transform(inChecklistOrder),
    /**
     * Before discharge, blood pressure and heart rate lying then standing; a fall of 20 systolic or 10 diastolic, a rise of 30
     * in heart rate, or dizziness on standing holds the discharge until a new pair passes. On for IV and IM by default.
     */
    orthostaticCheck: z.boolean().default(false),
  })
  .refine((p) => p.earliestDischargeMin >= (p.dischargeFloorMin ?? 0), {
    message: "the earliest discharge cannot be shorter than this route's required minimum",
    path: ['earliestDischargeMin'],
  })
  .refine((p) => p.earliestDischargeMin >= CLINIC_DISCHARGE_FLOOR_MIN, {
    message: `the earliest discharge cannot be under the clinic floor of ${CLINIC_DISCHARGE_FLOOR_MIN} minutes after the last dose`,
    path: ['earliestDischargeMin'],
  });
export type Preset = z.infer<typeof presetSchema>;

/** What every shipped preset monitors alike (a fresh copy each, so no two presets share an array); each route adds its time course. */
function sharedMonitoring(): Pick<
  Preset,
  | 'checkInEveryMin'
  | 'evidenceWindowMin'
  | 'bpRecheckMin'
  | 'urgentRecheckMin'
  | 'preDoseBpRequired'
  | 'preDoseBpWithinMin'
  | 'boosterCapPercent'
  | 'escortRule'
  | 'criticalChecklist'
  | 'orthostaticCheck'
> {
  return {
    checkInEveryMin: 15,
    evidenceWindowMin: EVIDENCE_WINDOW_MIN,
    bpRecheckMin: BP_RECHECK_MIN,
    urgentRecheckMin: URGENT_RECHECK_MIN,
    preDoseBpRequired: true,
    preDoseBpWithinMin: PRE_DOSE_BP_WITHIN_MIN,
    boosterCapPercent: BOOSTER_CAP_PERCENT,
    escortRule: DEFAULT_ESCORT_RULE,
    criticalChecklist: [...DEFAULT_CRITICAL_CHECKLIST],
    orthostaticCheck: false,
  };
}

/** The defaults the app ships, each with its public source or marked a clinic convention (settings/sources.ts). A clinician signs them off before real use. */
export const DEFAULT_PRESETS: Record<RouteId, Preset> = {
  iv: {
    id: 'iv',
    label: 'IV infusion (0.5 mg/kg over 40 min)',
    onset: { min: 10, max: 20 },
    peak: { min: 30, max: 45 },
    effectsEnd: { min: 80, max: 100 },
    earliestDischargeMin: 100,
    infusionMin: 40,
    dischargeAfterInfusionEndMin: 60,
    vitals: { atMin: [0, 10, 20, 30, 40], requiredAtMin: [0, 40], thenEveryMin: 15 },
    ...sharedMonitoring(),
    orthostaticCheck: true,
    source:
      'ASKP routes-of-administration table; Szarmach 2020 (PMC7605942) IV haemodynamics; IV ketamine studies: vitals every 10 min during infusion, 15 min after.',
  },
  im: {
    id: 'im',
    label: 'IM injection',
    onset: { min: 2, max: 5 },
    peak: { min: 5, max: 20 },
    effectsEnd: { min: 45, max: 60 },
    earliestDischargeMin: 90,
    vitals: { atMin: [0, 20, 40, 60], requiredAtMin: [0, 40], thenEveryMin: 15 },
    ...sharedMonitoring(),
    orthostaticCheck: true,
    source:
      'ASKP routes-of-administration table; TripSit ketamine factsheet; KAP vitals cadence: baseline, +20, +40, +60, then every 15-30 min.',
  },
  intranasal: {
    id: 'intranasal',
    label: 'Intranasal (racemic)',
    onset: { min: 5, max: 15 },
    peak: { min: 15, max: 30 },
    effectsEnd: { min: 60, max: 90 },
    earliestDischargeMin: 120,
    vitals: { atMin: [0, 20, 40, 60], requiredAtMin: [0, 40], thenEveryMin: 20 },
    ...sharedMonitoring(),
    source: 'ASKP routes-of-administration table; PMC9118341 (intranasal ketamine).',
  },
  spravato: {
    id: 'spravato',
    label: 'Spravato (esketamine nasal)',
    onset: { min: 5, max: 15 },
    peak: { min: 35, max: 45 },
    effectsEnd: { min: 90, max: 120 },
    earliestDischargeMin: 120,
    dischargeFloorMin: 120,
    vitals: { atMin: [0, 40], requiredAtMin: [0, 40], thenEveryMin: 20 },
    ...sharedMonitoring(),
    criticalChecklist: inChecklistOrder([...DEFAULT_CRITICAL_CHECKLIST, 'rems_enrolment']),
    source:
      'Spravato US label and REMS: observe at least 2 h after the last device; BP before dosing, ~40 min after, then as warranted and before the session ends. Times count from the last device.',
  },
  sublingual: {
    id: 'sublingual',
    label: 'Sublingual lozenge / troche',
    onset: { min: 15, max: 20 },
    peak: { min: 40, max: 60 },
    effectsEnd: { min: 60, max: 90 },
    earliestDischargeMin: 120,
    slotMin: 180,
    vitals: { atMin: [0, 20, 40, 60], requiredAtMin: [0, 40], thenEveryMin: 20 },
    ...sharedMonitoring(),
    source:
      'Rolan 2014 sublingual wafer PK (PMC4093926) for onset and absorption, held 10-15 min then spat out; the 40-60 min peak is a clinic convention (clinic pages give it for KAP sessions in general, not for lozenges).',
  },
  oral: {
    id: 'oral',
    label: 'Oral, swallowed',
    onset: { min: 20, max: 60 },
    peak: { min: 45, max: 90 },
    effectsEnd: { min: 120, max: 240 },
    earliestDischargeMin: 180,
    vitals: { atMin: [0, 20, 40, 60], requiredAtMin: [0, 40], thenEveryMin: 30 },
    ...sharedMonitoring(),
    source: 'ASKP routes-of-administration table; TripSit ketamine factsheet.',
  },
};
