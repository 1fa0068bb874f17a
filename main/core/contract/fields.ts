import { z } from 'zod';

/** Argument fields both contracts use (contract.ts and discharge-contract.ts), each with the sentence a wrong value gets. */

export const sessionId = z.uuid({ error: 'This session reference is not valid. Reopen the session from the list.' });

/** A person's name, as the form asks for it ("the person recording", "the clinician"). */
export const person = (what: string) =>
  z
    .string({ error: `Enter the ${what}'s name.` })
    .trim()
    .min(1, `Enter the ${what}'s name.`)
    .max(80, `The ${what}'s name is too long (80 characters at most).`);

/** A personal PIN as typed: digits only; whether it is the right one is the room's to say (without saying which part was wrong). */
export const staffPin = z
  .string({ error: 'Enter your PIN.' })
  .min(1, 'Enter your PIN.')
  .max(12, 'A personal PIN is 6 to 12 digits.')
  .regex(/^\d+$/, 'A PIN is digits only.');

/** A signature as a call carries it: the signing person's name on the staff list and their PIN, given now. */
export const signatureFields = {
  signer: person('person signing'),
  pin: staffPin,
  /** Only for a person with no PIN yet: the PIN typed again, which then becomes theirs. */
  pinAgain: staffPin.optional(),
};
/** The same fields where only some acts of the method are signed (the room says when a signature is needed). */
export const optionalSignatureFields = {
  signer: person('person signing').optional(),
  pin: staffPin.optional(),
  pinAgain: staffPin.optional(),
};
