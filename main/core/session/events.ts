import { z } from 'zod';
import { presetSchema } from '../timeline/presets';
import { ALERT_SIGNALS, VITALS_FIELDS, vitalsProblem, type VitalsValues } from '../pure/observations/vitals';
import { CADSS6_ITEMS } from '../pure/observations/scales';
import { dischargePayloadSchemas } from '../discharge/schemas';
import { carePayloadSchemas } from '../care/schemas';
import { integrationPayloadSchemas } from '../integration/schemas';
import { CHECKLIST_ITEM_IDS } from '../pure/discharge/checklist';
import { MUSIC_ACTIONS } from '../pure/music/playback-log';
import { PHASES } from '../pure/timeline/timeline';
import { STAFF_ROLES } from '../pure/staff/permissions';
import { signable } from './signature';

const alertFlag = z.object({
  signal: z.enum(ALERT_SIGNALS),
  level: z.enum(['warning', 'urgent']),
  message: z.string().max(300),
});

/** Any subset of the vital signs; impossible values are refused with the field and the reason. */
export const vitalsValuesSchema = z
  .object(
    Object.fromEntries(
      VITALS_FIELDS.map((f) => [f, z.number({ error: 'Each vital sign must be a number.' }).optional()]),
    ) as {
      [K in keyof VitalsValues]-?: z.ZodOptional<z.ZodNumber>;
    },
  )
  .strict()
  .superRefine((v, ctx) => {
    const problem = vitalsProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const observationContentSchema = z
  .object({
    text: z.string().trim().max(2000, 'A note can be at most 2000 characters.').optional(),
    tags: z.array(z.string().trim().min(1).max(60)).max(5).default([]),
  })
  .refine((o) => (o.text ?? '') !== '' || o.tags.length > 0, { message: 'Type a note or choose a tag.' });

export const scoreContentSchema = z.discriminatedUnion('scale', [
  z.object({
    scale: z.literal('moaas'),
    score: z.number().int().min(0, 'MOAA/S is 0 to 5.').max(5, 'MOAA/S is 0 to 5.'),
  }),
  z.object({
    scale: z.literal('cadss6'),
    items: z
      .array(z.object({ item: z.number().int(), answer: z.number().int().min(0).max(4) }))
      .length(6, 'Answer all six CADSS-6 items (0 to 4 each).')
      .refine(
        (items) => CADSS6_ITEMS.every((n) => items.some((i) => i.item === n)),
        'Answer CADSS items 1, 2, 6, 7, 15 and 22.',
      ),
  }),
]);

function musicPayloadSchema() {
  const words = (max: number) => z.string().trim().min(1).max(max).optional();
  return z
    .object({
      action: z.enum(MUSIC_ACTIONS, { error: 'That is not something the music player records.' }),
      setId: z.string().trim().min(1).max(200),
      setName: words(200),
      phase: z.enum(PHASES),
      fromPhase: z.enum(PHASES).optional(),
      file: words(500),
      title: words(300),
      artist: words(300),
      detail: words(300),
      fromSec: z.number().min(0).max(86_400).optional(),
      volume: z
        .number()
        .min(0, 'The music volume is between 0 and 100%.')
        .max(1, 'The music volume is between 0 and 100%.')
        .optional(),
    })
    .strict()
    .refine((p) => (p.action === 'volume') === (p.volume !== undefined), {
      message: 'A volume change says the volume it was set to, and only a volume change does.',
      path: ['volume'],
    });
}

const deviceValues = z
  .object({ spo2: z.number().min(0).max(100).optional(), heartRate: z.number().min(0).max(400).optional() })
  .strict();

/**
 * Where a monitor's reading came from: the monitor's name, its own time of the reading and the room's time it arrived;
 * for continuous SpO2 and pulse, the minute's summary or the desaturation it records.
 */
export const deviceSourceSchema = z
  .object({
    device: z.string().trim().min(1).max(80),
    deviceTime: z.number().int(),
    receivedAt: z.number().int(),
    kind: z.enum(['reading', 'minute', 'desaturation']),
    summary: z.object({ samples: z.number().int().min(1), lowest: deviceValues, median: deviceValues }).optional(),
    episode: z
      .object({
        startedAt: z.number().int(),
        lengthSec: z.number().int().min(0),
        lowestSpo2: z.number().min(0).max(100),
        below: z.number(),
        ongoing: z.boolean(),
      })
      .optional(),
  })
  .strict();
export type DeviceSource = z.infer<typeof deviceSourceSchema>;

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
  dose: signable(
    z.object({
      mg: z.number().positive().max(2000),
      booster: z.boolean(),
      lot: z.string().trim().max(60).optional(),
      /** Spravato: this is device `n` of the `of` planned (28 mg each). */
      device: z.object({ n: z.number().int().min(1).max(3), of: z.number().int().min(1).max(3) }).optional(),
      /** A first dose given despite checklist items answered "no" or skipped: who decided to proceed, and over what. */
      decision: z
        .object({
          clinician: text(80),
          items: z
            .array(
              z.object({
                item: z.enum(CHECKLIST_ITEM_IDS),
                answer: z.enum(['no', 'skipped']),
                reason: z.string().trim().max(500).optional(),
              }),
            )
            .min(1)
            .max(20),
        })
        .optional(),
    }),
  ),
  mark: signable(
    z.object({
      mark: z.enum(['peak_reached', 'returning', 'infusion_ended']),
    }),
  ),
  observation: observationContentSchema,
  vitals: z.object({
    values: vitalsValuesSchema,
    preDose: z.boolean(),
    alerts: z.array(alertFlag),
    /** Read from a monitor (absent: typed by the person recording). */
    source: deviceSourceSchema.optional(),
  }),
  score: z.object({ content: scoreContentSchema, alerts: z.array(alertFlag) }),
  check_in: z.object({ note: z.string().trim().max(500).optional() }),
  /** An urgent alert is acknowledged with what was done (`note`). */
  alert_ack: signable(
    z.object({
      targetSeq: z.number().int().positive(),
      signal: alertFlag.shape.signal,
      note: z.string().trim().min(1).max(300).optional(),
    }),
  ),
  /** A correction: strike an entry, or correct it with a replacement of its own kind. The original stays. */
  amendment: signable(
    z.object({
      targetSeq: z.number().int().positive(),
      action: z.enum(['strike', 'correct']),
      reason: z.string().trim().min(1).max(500),
      replacement: z.unknown().optional(),
    }),
  ),
  /** Who is recording from now on: switched in with their own PIN (a change of sitter). */
  recorder_changed: z.object({ name: text(80), role: z.enum(STAFF_ROLES) }),
  ...dischargePayloadSchemas,
  /** The rescue check, the orthostatic check and the follow-up call (care/schemas.ts). */
  ...carePayloadSchemas,
  /** The intention, the moments marked for integration and the therapist's approval of the summary (integration/schemas.ts). */
  ...integrationPayloadSchemas,
  /** The person recording confirmed this monitor is on this session's patient: its readings are recorded from now on. */
  monitor_confirmed: z.object({ device: z.string().trim().min(1).max(80), patientRef: text(40) }),
  /** The computer's clock jumped against the room's own count: by how much, and what the computer then said. */
  clock_jump: z.object({ jumpMs: z.number().int(), computerTime: z.number().int() }),
  /** Reopened, the room could not trust the clock (why, in sentences): no time-based condition holds until a clinician confirms the time. */
  time_unconfirmed: z.object({
    reasons: z.array(z.string().max(300)).min(1).max(5),
    computerTime: z.number().int(),
    lastSeenAt: z.number().int(),
  }),
  /** A clinician confirmed the current time, signed: the room counts from it (`roomTime`: what the room's clock said then). */
  time_confirmed: signable(
    z.object({
      confirmedTime: z.number().int(),
      computerTime: z.number().int(),
      roomTime: z.number().int().optional(),
    }),
  ),
  /** What the music player did (main/core/pure/music/playback-log.ts), so the report can list what actually played. */
  music: musicPayloadSchema(),
} as const;

/** Kinds a person records as entries in the session's list. */
export const ENTRY_KINDS = ['observation', 'vitals', 'score', 'check_in'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export type EventKind = keyof typeof payloadSchemas;
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
  /** The author's role on the staff list when it was written (absent: the list did not name them). */
  authorRole?: string;
  payload: Payload<K>;
}
export type StoredEvent = { [K in EventKind]: StoredEventOf<K> }[EventKind];

export interface NewEvent<K extends EventKind = EventKind> {
  kind: K;
  occurredAt: number;
  author: string;
  authorRole?: string;
  payload: Payload<K>;
}
