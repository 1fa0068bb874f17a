import { z } from 'zod';
import { signable } from '../session/signature';

/** The integration's event kinds and their payloads, appended to the session log's kinds. */

/** The patient's own words at a moment marked for integration. */
export const quoteSchema = z
  .string({ error: "Type the patient's words, or leave the quote empty." })
  .trim()
  .max(1000, "The patient's words can be at most 1000 characters: keep the phrase that matters.");

/** The intention set before the dose, in the patient's words. */
export const intentionSchema = z
  .string({ error: 'Type the intention the patient set for the session.' })
  .trim()
  .min(1, 'Type the intention the patient set for the session.')
  .max(1000, 'The intention can be at most 1000 characters.');

export const integrationNoteSchema = z
  .string()
  .trim()
  .max(2000, 'The note for the integration session can be at most 2000 characters.');

export const integrationPayloadSchemas = {
  /** The intention set before the dose, kept as text (the day-of checklist asks that it was set). */
  integration_intention: z.object({ text: intentionSchema }),
  /** A moment marked "for integration" with one key, with the patient's own words when there are any. */
  integration_moment: z.object({ quote: quoteSchema.min(1).optional() }),
  /** The therapist reviewed the integration summary and approved it to be given to the patient, signed. */
  integration_approved: signable(
    z.object({
      /** Moments (by their entry's sequence) the therapist chose to leave out. */
      leftOut: z.array(z.number().int().positive()).max(200),
      note: integrationNoteSchema.min(1).optional(),
    }),
  ),
} as const;
