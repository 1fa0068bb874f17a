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
import { REMS_FIELD_IDS } from '../pure/discharge/rems-fields';
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
    monitoringProvider: words('monitoring provider', 80).optional(),
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
    vitalsAcceptablePreDose: yesNo.optional(),
    vitalsAcceptableBeforeEnd: yesNo.optional(),
    sedation: yesNo.optional(),
    dissociation: yesNo.optional(),
    respiratoryDepression: yesNo.optional(),
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
  .refine((a) => Object.keys(a).length > 0, 'Answer at least one field of the monitoring form.');

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
    }),
  ),
  /** With the discharge conditions as they stood when the patient left (each met or not, its evidence and what was missing). */
  left_against_advice: signable(
    againstAdviceSchema.extend({ gateAtDeparture: z.array(conditionSnapshot).max(CONDITION_IDS.length).optional() }),
  ),
  /** `reason`: why a session closed with no dose given ("BP above 140/90: dose withheld"). */
  session_closed: z.object({ outcome: z.enum(OUTCOMES), reason: z.string().trim().min(1).max(500).optional() }),
} as const;
