import { z } from 'zod';

/** Argument fields both contracts use (contract.ts and discharge-contract.ts), each with the sentence a wrong value gets. */

export const sessionId = z.uuid({ error: 'This session reference is not valid. Reopen the session from the list.' });

/** A person's name, as the form asks for it ("the person recording", "the clinician"). */
export const person = (what: string) =>
  z.string({ error: `Enter the ${what}'s name.` }).trim().min(1, `Enter the ${what}'s name.`).max(80, `The ${what}'s name is too long (80 characters at most).`);
