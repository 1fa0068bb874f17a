import { z } from 'zod';

/** The room's music settings: the `music` block of the settings file. Every key has its default. */
export const musicSettingsSchema = z.object({
  /** The set the player starts with; null: the first shipped set. */
  defaultSetId: z.string().min(1).max(64).nullable().default(null),
  /** Every track is played at this loudness (LUFS). */
  targetLufs: z.number().min(-36).max(-10).default(-20),
  /** A phase change fades the old track out and the new one in over this long (seconds). */
  crossfadeSec: z.number().min(0).max(60).default(8),
  /** At a phase change, wait for the current track to end if it ends within this (seconds). */
  endMarginSec: z.number().min(0).max(600).default(45),
  /** Consecutive tracks overlap by this much, so there is no silence between them (seconds). */
  trackOverlapSec: z.number().min(0).max(30).default(2),
  /** Quiet fades the music to silence over this long (seconds). */
  quietFadeSec: z.number().min(0.5).max(60).default(5),
  /** When a phase's tracks run out: play them again, or move on to the next phase's. */
  onRunOut: z.enum(['repeat', 'next']).default('repeat'),
  volume: z.number().min(0).max(1).default(0.8),
  /** The audio output chosen for this room (the patient's headphones or the room speaker). */
  outputDeviceId: z.string().max(512).nullable().default(null),
  outputDeviceLabel: z.string().max(200).nullable().default(null),
});

export type MusicSettings = z.infer<typeof musicSettingsSchema>;
export const DEFAULT_MUSIC_SETTINGS: MusicSettings = musicSettingsSchema.parse({});
