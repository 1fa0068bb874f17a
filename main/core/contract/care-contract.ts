import { z } from 'zod';
import { followUpCallSchema, orthostaticSchema } from '../care/schemas';
import { orthostaticProblem } from '../pure/care/orthostatic';
import { RESCUE_ITEMS, type RescueItem } from '../pure/care/rescue';
import { person, sessionId, signatureFields } from './fields';

/** Argument schemas of the care methods (the rescue check, the orthostatic check, the follow-up call); contract.ts names each with its result type. */

const author = person('person recording');
const clinicalTime = z
  .number({ error: 'The time is not valid. Enter it as hours and minutes.' })
  .int()
  .positive()
  .optional();

export const careArgs = {
  getRescueCheck: z.object({}).strict(),
  /** Each item ticked (the room names any that is not), an optional note, and the signature of the person who checked. */
  recordRescueCheck: z
    .object({
      items: z
        .object(
          Object.fromEntries(
            RESCUE_ITEMS.map((i) => [
              i,
              z.boolean({ error: 'Tick each item of the rescue check that is in place.' }).optional(),
            ]),
          ) as Record<RescueItem, z.ZodOptional<z.ZodBoolean>>,
        )
        .strict(),
      note: z.string().trim().max(300, 'The note can be at most 300 characters.').optional(),
      ...signatureFields,
    })
    .strict(),
  recordOrthostatic: z
    .object({ sessionId, author, occurredAt: clinicalTime })
    .extend(orthostaticSchema.shape)
    .strict()
    .superRefine((p, ctx) => {
      const problem = orthostaticProblem(p);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  listFollowUps: z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict(),
  recordFollowUpCall: z
    .object({ sessionId, author })
    .extend(followUpCallSchema.shape)
    .strict()
    .refine((c) => c.adverseEffect === 'no' || (c.adverseEffectText ?? '') !== '', {
      message: 'Say what the adverse effect was.',
      path: ['adverseEffectText'],
    })
    .refine((c) => c.adverseEffect === 'yes' || (c.adverseEffectText ?? '') === '', {
      message: 'An adverse effect is described only when the answer is "yes".',
      path: ['adverseEffectText'],
    }),
};
