import { z } from 'zod';
import { integrationNoteSchema, intentionSchema, quoteSchema } from '../integration/schemas';
import { person, sessionId, signatureFields } from './fields';

/** Argument schemas of the integration methods (the intention, the moments, the summary's approval, the course, the music counts). */

const author = person('person recording');
const adminKey = z
  .string({ error: 'The admin area is locked. Enter the admin PIN to continue.' })
  .regex(/^[0-9a-f]{48}$/, 'The admin area is locked. Enter the admin PIN to continue.');

export const integrationArgs = {
  /** The intention set before the dose, as text. */
  recordIntention: z.object({ sessionId, text: intentionSchema, author }).strict(),
  /** A moment marked for integration (the time is when the key was pressed), with the patient's words if any. */
  recordIntegrationMoment: z
    .object({
      sessionId,
      quote: quoteSchema.optional(),
      occurredAt: z
        .number({ error: 'The time is not valid. Enter it as hours and minutes.' })
        .int()
        .positive()
        .optional(),
      author,
    })
    .strict(),
  /** The therapist approves the integration summary to be given to the patient, signed with their PIN. */
  approveIntegrationSummary: z
    .object({
      sessionId,
      leftOut: z.array(z.number().int().positive()).max(200).default([]),
      note: integrationNoteSchema.optional(),
      ...signatureFields,
    })
    .strict(),
  /** Every session of one patient (the reference exactly, whatever its case), for the clinician. */
  getPatientCourse: z
    .object({
      patientRef: z
        .string({ error: 'Enter a patient reference (chart ID or initials).' })
        .trim()
        .min(1, 'Enter a patient reference (chart ID or initials).')
        .max(40, 'The patient reference is too long: use a chart ID or initials (40 characters at most).'),
    })
    .strict(),
  /** Music admin: each track's plays, skips, holds and "resonated" marks, per set and per phase. */
  getMusicCounts: z.object({ adminKey }).strict(),
};
