/** What the music admin shows. Plain types: the renderer imports them. */
import type { SessionPhase } from '../music/view';
import type { Settings } from '../../settings/schema';

export interface AdminTrackView {
  file: string;
  title: string;
  artist: string;
  durationSec: number;
  /** Measured integrated loudness (LUFS); null when not measured. */
  integratedLufs: number | null;
  riseFlagged: boolean;
  /** Embedded ReplayGain track gain, when the file carries one. */
  replayGainDb: number | null;
  available: boolean;
  /** Where the admin's preview plays it from. */
  url: string;
}

export interface AdminSetView {
  id: string;
  name: string;
  description: string;
  source: 'shipped' | 'clinic';
  /** In use by the session in progress: it cannot be deleted now. */
  inUse: boolean;
  phases: Record<SessionPhase, AdminTrackView[]>;
}

export interface MusicAdminView {
  catalogue: AdminTrackView[];
  sets: AdminSetView[];
  problems: string[];
  presets: Settings['presets'];
  defaultPresetId: Settings['defaultPresetId'];
  onRunOut: Settings['music']['onRunOut'];
  /** The browser host takes typed paths; the app opens dialogs. */
  typedPaths: boolean;
}

export interface ImportJobView {
  jobId: string;
  stage: 'copying' | 'measuring' | 'done' | 'failed';
  done: number;
  total: number;
  current: string | null;
  /** When done: what was imported, what was there already, what failed and why. */
  imported: { file: string; title: string }[];
  alreadyThere: { file: string; title: string }[];
  failed: { name: string; reason: string }[];
  error: string | null;
}

export type BundleFileStatus = 'new' | 'already-there' | 'renamed';

export interface BundlePreview {
  previewId: string;
  setName: string;
  setId: string;
  trackCounts: Record<SessionPhase, number>;
  files: { file: string; bytes: number; status: BundleFileStatus; storeAs: string }[];
  /** A set here already has the same id or the same name. */
  conflict: { kind: 'same-id' | 'same-name'; existingName: string; existingSource: 'shipped' | 'clinic' } | null;
  /** The name the set gets when imported as a copy. */
  copyName: string;
}
