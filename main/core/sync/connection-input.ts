import { z } from 'zod';

/** What the admin types for the clinic connection. The contract validates with it; the renderer sees only its type. */
export const connectionInput = z
  .object({
    address: z
      .string({ error: 'Enter the clinic database address, like postgres://clinic-db:5432/clinic.' })
      .trim()
      .max(300, 'The address is too long (300 characters at most).'),
    room: z.string().trim().max(60, "The room's name is too long (60 characters at most).").default(''),
    login: z.string().trim().max(63, 'The login is too long (63 characters at most).').default(''),
    /** Only when it changes: the room keeps the saved one otherwise, and never shows it again. */
    password: z.string().max(200, 'The password is too long (200 characters at most).').optional(),
    /** The clinic's CA certificate (PEM, ca.crt from clinic-db): the room verifies the clinic database against it. Needed with an address. */
    ca: z
      .string()
      .max(20_000, "The CA certificate is too long: paste the clinic's CA certificate (ca.crt) alone.")
      .default(''),
  })
  .strict();
