import type { MusicSet, SessionPhase } from '../main/core/music/set-format';

export interface SetRecipe {
  id: string;
  name: string;
  description: string;
}
export interface RecipeTrack {
  phase: SessionPhase;
  title: string;
  durationSec: number;
  file: string;
  plan: unknown;
}
export const RECIPE_VERSION: number;
export const SAMPLE_RATE: number;
export const BITRATE_KBPS: number;
export const ARTIST: string;
export const PHASE_COVER_MINUTES: Record<SessionPhase, number>;
export const PHASES: readonly SessionPhase[];
export const SETS: SetRecipe[];
export function setTracks(set: SetRecipe): RecipeTrack[];
export function setFile(set: SetRecipe, tracks: RecipeTrack[]): Omit<MusicSet, 'description'> & { description: string };
