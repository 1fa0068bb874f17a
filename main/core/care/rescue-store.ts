import type Database from 'better-sqlite3';
import type { RescueCheckRecord, RescueItem } from '../pure/care/rescue';
import type { Signature } from '../staff/view';

interface Row {
  id: number;
  day: string;
  checked_at: number;
  valid_until: number;
  checked_by: string;
  checked_by_role: string;
  note: string | null;
}

const toRecord = (r: Row): RescueCheckRecord => ({
  id: r.id,
  day: r.day,
  checkedAt: r.checked_at,
  validUntil: r.valid_until,
  by: r.checked_by,
  role: r.checked_by_role,
  note: r.note,
});

/** The room's rescue checks on disk (migration 010): one row per check, append-only. */
export class RescueChecks {
  constructor(private readonly db: Database.Database) {}

  add(check: {
    day: string;
    checkedAt: number;
    validUntil: number;
    signature: Signature;
    items: Record<RescueItem, true>;
    note?: string;
  }): RescueCheckRecord {
    const info = this.db
      .prepare(
        'INSERT INTO rescue_checks (day, checked_at, valid_until, checked_by, checked_by_role, items, note, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        check.day,
        check.checkedAt,
        check.validUntil,
        check.signature.name,
        check.signature.role,
        JSON.stringify(check.items),
        check.note ?? null,
        JSON.stringify(check.signature),
      );
    return {
      id: Number(info.lastInsertRowid),
      day: check.day,
      checkedAt: check.checkedAt,
      validUntil: check.validUntil,
      by: check.signature.name,
      role: check.signature.role,
      note: check.note ?? null,
    };
  }

  /** The latest check made for the clinic's day; null when none was (or the records are a backup from before the checks). */
  latest(day: string): RescueCheckRecord | null {
    try {
      const row = this.db
        .prepare(
          'SELECT id, day, checked_at, valid_until, checked_by, checked_by_role, note FROM rescue_checks WHERE day = ? ORDER BY id DESC LIMIT 1',
        )
        .get(day) as Row | undefined;
      return row ? toRecord(row) : null;
    } catch {
      return null;
    }
  }
}
