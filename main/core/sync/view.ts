/** What the room and the admin are shown of the clinic sync. Plain types: the contract and the renderer import them. */
export type SyncStatus = 'off' | 'synced' | 'waiting' | 'problem';

/** What the room's sync line shows, and the admin with it. */
export interface SyncState {
  status: SyncStatus;
  /** Events not yet in the clinic database. */
  waiting: number;
  /** When the oldest of them was recorded. */
  waitingSince: number | null;
  /** The problem as a sentence, when the last attempt failed. */
  problem: string | null;
  /** The one quiet line: "" when the room is not connected to a clinic. */
  line: string;
}

/** What the admin sees of the clinic connection: never the password, only whether one is saved. */
export interface ClinicConnectionView {
  address: string;
  room: string;
  login: string;
  /** The clinic's CA certificate as saved (PEM; public, not a secret), '' when none. */
  ca: string;
  /** Its SHA-256 fingerprint, for the admin to compare with the one clinic-db printed; null when none is saved. */
  caFingerprint: string | null;
  passwordSaved: boolean;
  state: SyncState;
}
