import { z } from 'zod';
import { presetSchema } from '../timeline/presets';

/** Short free text a person types: trimmed, never empty. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** Each event kind with the schema of its payload. Adding a kind means adding it here and to the fold. */
export const payloadSchemas = {
  session_started: z.object({
    patientRef: text(40),
    presetId: presetSchema.shape.id,
    preset: presetSchema,
    plannedDoseMg: z.number().positive().max(2000),
    therapist: text(80),
    sitter: z.string().trim().max(80),
  }),
  dose: z.object({
    mg: z.number().positive().max(2000),
    booster: z.boolean(),
    lot: z.string().trim().max(60).optional(),
  }),
  mark: z.object({
    mark: z.enum(['peak_reached', 'returning', 'infusion_ended']),
  }),
} as const;

export type EventKind = keyof typeof payloadSchemas;
export const EVENT_KINDS = Object.keys(payloadSchemas) as EventKind[];
export type Payload<K extends EventKind> = z.infer<(typeof payloadSchemas)[K]>;

export interface StoredEventOf<K extends EventKind> {
  sessionId: string;
  seq: number;
  kind: K;
  /** Clinical time: when it happened. */
  occurredAt: number;
  /** When it was written. */
  recordedAt: number;
  author: string;
  payload: Payload<K>;
}
export type StoredEvent = { [K in EventKind]: StoredEventOf<K> }[EventKind];

export interface NewEvent<K extends EventKind = EventKind> {
  kind: K;
  occurredAt: number;
  author: string;
  payload: Payload<K>;
}
