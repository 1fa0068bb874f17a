import { z } from 'zod';
import { STAFF_ROLES } from '../pure/staff/permissions';
import { orthostaticProblem } from '../pure/care/orthostatic';
import { RESCUE_CHECK_RULES } from '../pure/care/rescue';

/** The care around a session (the rescue check, the orthostatic check, the follow-up call): its events and its arguments. */

const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'A day is written as YYYY-MM-DD.');
const words = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `That is too long for ${what} (${max} characters at most).`);

const reading = (position: string) =>
  z.object({
    systolic: z.number({ error: `Enter the ${position} systolic BP as a number.` }),
    diastolic: z.number({ error: `Enter the ${position} diastolic BP as a number.` }),
    heartRate: z.number({ error: `Enter the ${position} heart rate as a number.` }),
  });

/** Lying, then standing: blood pressure and heart rate, and whether the patient felt dizzy or lightheaded on standing. */
export const orthostaticSchema = z
  .object({
    lying: reading('lying'),
    standing: reading('standing'),
    symptoms: z.boolean({ error: 'Say whether the patient felt dizzy or lightheaded on standing.' }),
    note: z.string().trim().max(300, 'The note can be at most 300 characters.').optional(),
  })
  .superRefine((p, ctx) => {
    const problem = orthostaticProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The next-day call: how the night went, any adverse effect (with what it was), and the patient's mood. */
export const followUpCallSchema = z
  .object({
    night: words('how the night went', 1000),
    adverseEffect: z.enum(['yes', 'no'], { error: 'Answer whether there was any adverse effect: yes or no.' }),
    adverseEffectText: z
      .string()
      .trim()
      .max(1000, 'The adverse effect can be described in 1000 characters at most.')
      .optional(),
    mood: words("the patient's mood", 300),
  })
  .refine((c) => c.adverseEffect === 'no' || (c.adverseEffectText ?? '') !== '', {
    message: 'Say what the adverse effect was.',
    path: ['adverseEffectText'],
  })
  .refine((c) => c.adverseEffect === 'yes' || (c.adverseEffectText ?? '') === '', {
    message: 'An adverse effect is described only when the answer is "yes".',
    path: ['adverseEffectText'],
  });

/** The care's event kinds and their payloads, appended to the session log's kinds. */
export const carePayloadSchemas = {
  /** The room's rescue check of the day, written into the session (at its start, or when made while it is open). */
  rescue_check: z.object({
    checkId: z.number().int().positive(),
    day,
    checkedAt: z.number().int(),
    validUntil: z.number().int(),
    by: z.string().trim().min(1).max(80),
    role: z.enum(STAFF_ROLES),
  }),
  /** Written with a first dose given without the day's rescue check, where the clinic advises it rather than requires it. */
  rescue_check_missing: z.object({ day, rule: z.enum(RESCUE_CHECK_RULES) }),
  orthostatic: orthostaticSchema,
  /** Written with the discharge: the clinic's day the follow-up call is due, from when, and when it is overdue. */
  follow_up_due: z.object({ dueDay: day, dueFrom: z.number().int(), overdueFrom: z.number().int() }),
  /** The next-day call, an addendum to the closed session. */
  follow_up_call: followUpCallSchema,
} as const;
