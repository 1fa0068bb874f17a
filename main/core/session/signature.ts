import { z } from 'zod';
import { STAFF_ROLES } from '../pure/staff/permissions';

/** A clinician's signature as the log keeps it with the act: printed name, role and meaning (the time is the event's). */
export const signatureSchema = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  meaning: z.string().trim().min(1).max(600),
});

/** The payload of a kind that may carry a signature. */
export const signable = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) =>
  schema.extend({ signature: signatureSchema.optional() });
