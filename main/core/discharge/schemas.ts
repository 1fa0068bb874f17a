import { z } from 'zod';
import { signable } from '../session/signature';
import {
  AGAINST_ADVICE_ACTIONS,
  ATTESTATION_ANSWERS,
  ATTESTATION_ITEMS,
  attestationProblem,
} from '../pure/discharge/attestations';
import { OUTCOMES } from '../pure/discharge/state';
import { ESCORT_PRESENCES } from '../pure/discharge/escort';
import { CHECKLIST_ANSWERS, CHECKLIST_ITEM_IDS, checklistNeedsReason } from '../pure/discharge/checklist';
import {
  FILING_METHODS,
  isoDate,
  parseCalendarDate,
  PATIENT_SEXES,
  REMS_ANSWER_FIELDS,
  REMS_FIELD_IDS,
} from '../pure/discharge/rems-fields';
import { treatmentSettingSchema } from '../settings/schema';
import { CONDITION_IDS, type ConditionId } from '../pure/discharge/conditions';

const words = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `The ${what} is too long (${max} characters at most).`);
const phone = z
  .string({ error: "Enter the driver's phone number." })
  .trim()
  .min(3, "Enter the driver's phone number.")
  .max(40, 'The phone number is too long (40 characters at most).')
  .regex(/^[0-9+()\-.\s/ext]+$/i, 'The phone number can hold digits, spaces, + ( ) - . and "ext" only.');
const yesNo = z.enum(['yes', 'no'], { error: 'Answer yes or no.' });
/** A calendar date as the form takes it ("2026-11-22", or "11/22/2026" as the REMS form writes it). */
const calendarDate = (what: string) =>
  z
    .string({ error: `Enter the ${what} as a date (MM/DD/YYYY).` })
    .trim()
    .refine((d) => parseCalendarDate(d) !== null, `Enter the ${what} as a date (MM/DD/YYYY).`)
    .transform((d) => isoDate(parseCalendarDate(d)!));

export const checklistAnswerSchema = z
  .object({
    item: z.enum(CHECKLIST_ITEM_IDS, { error: 'That is not an item on the day-of checklist.' }),
    answer: z.enum(CHECKLIST_ANSWERS, { error: 'Answer yes, no or skip.' }),
    reason: z.string().trim().max(500, 'The reason can be at most 500 characters.').optional(),
  })
  .refine((a) => !checklistNeedsReason(a.answer) || (a.reason ?? '') !== '', {
    message: 'Say why this item is answered "no" or skipped.',
    path: ['reason'],
  });

export const driverDetailsSchema = z.object({
  name: words("driver's name", 80),
  relationship: z.string().trim().max(60, 'The relationship is too long (60 characters at most).').optional(),
  phone,
});
/**
 * The escort confirmed by staff: `presence` says how (seen in person, the default; or waiting nearby and reached by
 * phone, which counts only where the route preset's escort rule allows it). Refused when not a known adult (handlers).
 */
export const driverConfirmedSchema = z.object({
  name: words("driver's name", 80),
  relationship: words("driver's relationship to the patient", 60),
  phone,
  presence: z
    .enum(ESCORT_PRESENCES, {
      error: 'Say how the escort was confirmed: in person, or waiting nearby and reachable by phone.',
    })
    .optional(),
});

export const attestationSchema = z
  .object({
    item: z.enum(ATTESTATION_ITEMS, { error: 'That is not something the discharge asks to attest.' }),
    answer: z.enum(ATTESTATION_ANSWERS, { error: 'Choose an answer from the list.' }),
    note: z.string().trim().max(500, 'The note can be at most 500 characters.').optional(),
  })
  .superRefine((a, ctx) => {
    const problem = attestationProblem(a.item, a.answer, a.note);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const remsAnswersSchema = z
  .object({
    patientBirthDate: calendarDate("patient's date of birth").optional(),
    patientSex: z
      .enum(PATIENT_SEXES, { error: 'Choose the sex as the form asks it: female, male or other.' })
      .optional(),
    firstTreatment: yesNo.optional(),
    enrolledInRems: yesNo.optional(),
    monitoringProvider: words('monitoring provider', 80).optional(),
    monitoringProviderPhone: z
      .string({ error: "Enter the monitoring provider's telephone." })
      .trim()
      .min(3, "Enter the monitoring provider's telephone.")
      .max(40, 'The telephone number is too long (40 characters at most).')
      .regex(/^[0-9+()\-.\s/ext]+$/i, 'The telephone number can hold digits, spaces, + ( ) - . and "ext" only.')
      .optional(),
    monitoringProviderEmail: z
      .string({ error: "Enter the monitoring provider's email." })
      .trim()
      .max(120, 'The email address is too long (120 characters at most).')
      .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Enter the email address as name@example.org.')
      .optional(),
    lot: words('lot number', 60).optional(),
    readyToLeaveAfterMin: z
      .number({ error: 'Enter the minutes after dosing as a number.' })
      .int('Enter whole minutes.')
      .min(0, 'The minutes cannot be negative.')
      .max(600, 'More than 600 minutes looks like a typing error.')
      .optional(),
    benzodiazepines: yesNo.optional(),
    nonBenzodiazepineSleepAids: yesNo.optional(),
    psychostimulants: yesNo.optional(),
    maois: yesNo.optional(),
    opioids: yesNo.optional(),
    vitalsAcceptablePreDose: yesNo.optional(),
    vitalsAcceptableBeforeEnd: yesNo.optional(),
    sedation: yesNo.optional(),
    dissociation: yesNo.optional(),
    respiratoryDepression: yesNo.optional(),
    /** "none", or what happened. */
    seriousAdverseEvents: words('serious adverse events (or "none")', 500).optional(),
    /** Why an answer differs from what the record shows, or changes after the end of monitoring: the signed note, per field. */
    reasons: z
      .partialRecord(
        z.enum(REMS_ANSWER_FIELDS, { error: 'That is not a field of the monitoring form.' }),
        words('reason', 500),
      )
      .optional(),
    /** Fields that could not be obtained, each with its reason: the field is then answered, as "not obtained". */
    notObtained: z
      .array(
        z.object({
          field: z.enum(REMS_FIELD_IDS, { error: 'That is not a field of the monitoring form.' }),
          reason: words('reason the field was not obtained', 300),
        }),
      )
      .max(REMS_FIELD_IDS.length)
      .optional(),
  })
  .strict()
  .refine((a) => Object.keys(a).some((k) => k !== 'reasons'), 'Answer at least one field of the monitoring form.');

/** The REMS form marked filed with the REMS: the date it was filed and how (on the REMS's site, or by fax). */
export const remsFiledSchema = z.object({
  filedOn: calendarDate('date the form was filed'),
  method: z.enum(FILING_METHODS, { error: 'Say how the form was filed: online or by fax.' }),
});

export const againstAdviceSchema = z.object({
  reason: words('reason the patient is leaving', 500),
  actions: z
    .array(z.enum(AGAINST_ADVICE_ACTIONS, { error: 'Choose what was done from the list.' }))
    .max(AGAINST_ADVICE_ACTIONS.length),
  note: z.string().trim().max(1000, 'The note can be at most 1000 characters.').optional(),
});

const conditionSnapshot = z.object({
  id: z.enum(CONDITION_IDS as [ConditionId, ...ConditionId[]]),
  label: z.string().max(500),
  met: z.boolean(),
  evidence: z.string().max(2000).nullable(),
  missing: z.string().max(4000).nullable(),
});

/** The discharge's event kinds and their payloads, appended to the session log's kinds. */
export const dischargePayloadSchemas = {
  checklist_answer: checklistAnswerSchema,
  driver_details: driverDetailsSchema,
  driver_confirmed: driverConfirmedSchema,
  attestation: signable(attestationSchema),
  rems_answers: signable(z.object({ answers: remsAnswersSchema })),
  discharged: signable(
    z.object({
      padss: z.number().int().min(0).max(10).nullable(),
      /** The gate as it stood when the clinician discharged: each condition with its evidence. */
      conditions: z.array(z.object({ label: z.string().max(200), evidence: z.string().max(1000).nullable() })).max(30),
      /** Spravato: the healthcare setting as the REMS form names it, kept with the end of monitoring. */
      remsSetting: treatmentSettingSchema.optional(),
    }),
  ),
  /** With the discharge conditions as they stood when the patient left (each met or not, its evidence and what was missing). */
  left_against_advice: signable(
    againstAdviceSchema.extend({
      remsSetting: treatmentSettingSchema.optional(),
      gateAtDeparture: z.array(conditionSnapshot).max(CONDITION_IDS.length).optional(),
    }),
  ),
  /** The REMS monitoring form filed with the REMS (an addendum: recorded after the end of monitoring, on a closed session too). */
  rems_filed: remsFiledSchema,
  /** `reason`: why a session closed with no dose given ("BP above 140/90: dose withheld"). */
  session_closed: z.object({ outcome: z.enum(OUTCOMES), reason: z.string().trim().min(1).max(500).optional() }),
} as const;
