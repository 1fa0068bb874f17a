import type Database from 'better-sqlite3';
import type { Clock } from '../clock';
import type { StaffLogLine } from './view';

/** The staff log on disk (migration 008): who changed the staff or a PIN, and when. A read-only room keeps no new lines. */
export class StaffLog {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  write(line: { actor: string; action: string; subject: string; detail?: string }): void {
    if (this.db.readonly) return;
    this.db
      .prepare('INSERT INTO staff_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.clock.now(), line.actor, line.action, line.subject, line.detail ?? null);
  }

  /** The newest lines first. */
  recent(limit = 200): StaffLogLine[] {
    try {
      return (
        this.db
          .prepare('SELECT at, actor, action, subject, detail FROM staff_log ORDER BY id DESC LIMIT ?')
          .all(limit) as StaffLogLine[]
      ).map((l) => ({
        ...l,
        detail: l.detail ?? null,
      }));
    } catch {
      // A backup from before the staff log, shown read-only.
      return [];
    }
  }
}
