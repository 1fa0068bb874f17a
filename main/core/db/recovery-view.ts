/** What the room shows of damaged records and their backup. Plain types: the contract and the renderer import them. */
export interface BackupFile {
  file: string;
  takenAt: number;
}

export interface RecoveryView {
  /** Where the damaged records were kept. */
  damagedKeptAt: string;
  /** The backup the room shows, read-only, or null when there is none. */
  backup: BackupFile | null;
  /** The backup was copied back as the room's records: the room must be started again to record. */
  restored: boolean;
  /** What the room says about it, in one sentence or two. */
  message: string;
}
