import { z } from 'zod';

const address = z
  .string()
  .trim()
  .refine(
    (a) => z.ipv4().safeParse(a).success || z.ipv6().safeParse(a).success,
    'Enter an IP address, such as 127.0.0.1 or 192.168.1.20.',
  );

/**
 * The monitor listener (IHE PCD-01 over MLLP): off until an admin turns it on, on one address and port, taking messages
 * only from the sending addresses on the allowlist; TLS when a certificate and key are given (the monitor side must
 * support it). The monitor's name is what the record and the confirmation show.
 */
export const monitorSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  name: z
    .string()
    .trim()
    .min(1, 'Give the monitor a name the staff will recognise.')
    .max(60)
    .default('Bedside monitor'),
  address: address.default('127.0.0.1'),
  port: z.number().int().min(0).max(65535, 'The port is a whole number from 0 to 65535.').default(2575),
  allowlist: z.array(address).max(20).default(['127.0.0.1']),
  tlsCertFile: z.string().trim().max(4096).default(''),
  tlsKeyFile: z.string().trim().max(4096).default(''),
});
export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;
export const DEFAULT_MONITOR_SETTINGS: MonitorSettings = monitorSettingsSchema.parse({});
