import type pg from 'pg';

/**
 * The clinic database's own numbered migrations, like the room's: each applied once, in order, in one
 * transaction, and recorded in clinic_schema. A room or a board refuses a database from a newer version.
 */
export interface ClinicMigration {
  version: number;
  name: string;
  sql: string;
  /**
   * The oldest clinic format whose rooms and board still work with a database at this version: the version itself
   * for a change older code cannot use, an earlier one for an addition it simply does not see. Recorded in clinic_schema.
   */
  usableFrom: number;
}

/** The event log every room pushes to: append-only, one insert-only role per room, NOTIFY on insert. */
const migration1: ClinicMigration = {
  version: 1,
  usableFrom: 1,
  name: 'room events, room roles, rooms and sessions views',
  sql: `
    CREATE TABLE clinic_rooms (
      room text PRIMARY KEY CHECK (length(room) BETWEEN 1 AND 60),
      role name NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- The room of the role that logged in. SECURITY DEFINER: a room's role cannot read clinic_rooms itself.
    CREATE FUNCTION clinic_current_room() RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT room FROM clinic_rooms WHERE role = session_user $$;

    CREATE TABLE events (
      room text NOT NULL,
      session_id text NOT NULL,
      seq integer NOT NULL CHECK (seq > 0),
      kind text NOT NULL,
      occurred_at bigint NOT NULL,
      recorded_at bigint NOT NULL,
      author text NOT NULL,
      payload jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      arrival bigint GENERATED ALWAYS AS IDENTITY,
      PRIMARY KEY (room, session_id, seq)
    );
    CREATE INDEX events_by_arrival ON events (room, arrival);

    -- The record is append-only: the database itself refuses to change or remove an event, whoever asks.
    CREATE FUNCTION clinic_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'clinic records are append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION clinic_refuse_change();
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
      FOR EACH STATEMENT EXECUTE FUNCTION clinic_refuse_change();

    -- Each room reports in while it runs, so the board can tell a quiet room from one that stopped reporting.
    CREATE TABLE room_reports (
      room text NOT NULL,
      at timestamptz NOT NULL DEFAULT clock_timestamp(),
      waiting integer NOT NULL DEFAULT 0 CHECK (waiting >= 0)
    );
    CREATE INDEX room_reports_latest ON room_reports (room, at DESC);
    CREATE TRIGGER room_reports_no_update_or_delete BEFORE UPDATE OR DELETE ON room_reports
      FOR EACH ROW EXECUTE FUNCTION clinic_refuse_change();

    -- The board listens: one notification per room per transaction (PostgreSQL folds duplicates).
    CREATE FUNCTION clinic_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('clinic_events', NEW.room);
      RETURN NULL;
    END $$;
    CREATE TRIGGER events_notify AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION clinic_notify();
    CREATE TRIGGER room_reports_notify AFTER INSERT ON room_reports FOR EACH ROW EXECUTE FUNCTION clinic_notify();

    -- A room writes and reads its own rows only; the clinic's owner (the board) sees every room.
    ALTER TABLE events ENABLE ROW LEVEL SECURITY;
    CREATE POLICY events_own_room_insert ON events FOR INSERT WITH CHECK (room = clinic_current_room());
    CREATE POLICY events_own_room_select ON events FOR SELECT USING (room = clinic_current_room());
    ALTER TABLE room_reports ENABLE ROW LEVEL SECURITY;
    CREATE POLICY reports_own_room_insert ON room_reports FOR INSERT WITH CHECK (room = clinic_current_room());
    CREATE POLICY reports_own_room_select ON room_reports FOR SELECT USING (room = clinic_current_room());

    -- Sessions and rooms are views over the events; security_invoker keeps a room to its own rows through them.
    CREATE VIEW clinic_sessions WITH (security_invoker = true) AS
      SELECT room, session_id,
        min(recorded_at) AS started_at,
        max(recorded_at) AS last_recorded_at,
        count(*) AS events,
        max(payload ->> 'patientRef') FILTER (WHERE kind = 'session_started') AS patient_ref,
        max(payload ->> 'presetId') FILTER (WHERE kind = 'session_started') AS preset_id,
        bool_or(kind = 'session_closed') AS closed,
        max(received_at) AS last_received_at
      FROM events GROUP BY room, session_id;
    CREATE VIEW clinic_room_status WITH (security_invoker = true) AS
      SELECT r.room,
        (SELECT max(at) FROM room_reports rr WHERE rr.room = r.room) AS last_report_at,
        (SELECT max(received_at) FROM events e WHERE e.room = r.room) AS last_event_at
      FROM clinic_rooms r;

    CREATE ROLE clinic_room NOLOGIN;
    GRANT USAGE ON SCHEMA public TO clinic_room;
    GRANT SELECT ON clinic_schema TO clinic_room;
    GRANT INSERT, SELECT ON events TO clinic_room;
    GRANT INSERT, SELECT ON room_reports TO clinic_room;
    GRANT SELECT ON clinic_sessions TO clinic_room;
    GRANT EXECUTE ON FUNCTION clinic_current_room() TO clinic_room;
    REVOKE ALL ON clinic_rooms FROM PUBLIC;
  `,
};

/** Each event's author role (clinician, therapist, sitter), as the room records it: the clinic's copy is the whole record. */
const migration2: ClinicMigration = {
  version: 2,
  // A column older rooms do not send and older boards do not read.
  usableFrom: 1,
  name: 'author role; each format says which older rooms may still use it',
  sql: `
    ALTER TABLE events ADD COLUMN author_role text CHECK (author_role IS NULL OR length(author_role) BETWEEN 1 AND 40);
    ALTER TABLE clinic_schema ADD COLUMN IF NOT EXISTS usable_from integer;
  `,
};

export const clinicMigrations: readonly ClinicMigration[] = [migration1, migration2];
export const CLINIC_SCHEMA_VERSION = Math.max(...clinicMigrations.map((m) => m.version));

/** What a clinic database says of itself: its migration version (0 when it has none yet) and the oldest format that may use it. */
export interface ClinicFormat {
  version: number;
  usableFrom: number;
}

/** The clinic database's format, as clinic_schema records it (a database from before usable_from was kept is usable from its own version). */
export async function clinicFormat(client: pg.ClientBase): Promise<ClinicFormat> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('public.clinic_schema')::text AS t");
  if (!exists.rows[0]?.t) return { version: 0, usableFrom: 0 };
  const column = await client.query("SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'clinic_schema' AND column_name = 'usable_from'");
  const usable = column.rowCount ? 'coalesce(usable_from, version)' : 'version';
  const row = await client.query<{ v: number | null; u: number | null }>(`SELECT max(version) AS v, max(${usable}) AS u FROM clinic_schema`);
  return { version: row.rows[0]?.v ?? 0, usableFrom: row.rows[0]?.u ?? 0 };
}

/**
 * The sentence for a clinic database this version cannot use, or null when it can: one not set up for Session Room,
 * one a newer Session Room changed in a way this version cannot follow, or one not yet updated to this version's
 * format. `reader` is who says it: a room sending to it, or the clinic's own tools (the board, the set-up).
 */
export function clinicFormatSentence(found: ClinicFormat, reader: 'room' | 'clinic'): string | null {
  const who = reader === 'room' ? 'this room' : 'this version';
  const meanwhile = reader === 'room' ? '; the room keeps recording meanwhile.' : '.';
  if (found.version === 0) {
    return `The clinic database has not been set up for Session Room. Ask the clinic's IT to run its setup (npm run clinic-db)${meanwhile}`;
  }
  if (found.usableFrom > CLINIC_SCHEMA_VERSION) {
    return (
      `The clinic database was set up by a newer version of Session Room (clinic format ${found.version}; ${who} knows up to ${CLINIC_SCHEMA_VERSION}). ` +
      (reader === 'room' ? 'Update this room to send to it; the room keeps recording meanwhile.' : 'Update Session Room on this machine to use it.')
    );
  }
  if (found.version < CLINIC_SCHEMA_VERSION) {
    return (
      `The clinic database is from an older version of Session Room (clinic format ${found.version}; ${who} needs ${CLINIC_SCHEMA_VERSION}). ` +
      `Start it once with this version (npm run clinic-db -- --dir <its folder>), which updates it${meanwhile}`
    );
  }
  return null;
}

/** Applies every pending clinic migration in one transaction (as the database's owner). */
export async function migrateClinic(client: pg.ClientBase, list: readonly ClinicMigration[] = clinicMigrations): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(727274)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS clinic_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), usable_from integer)',
    );
    const found = await clinicFormat(client);
    const from = found.version;
    const known = Math.max(...list.map((m) => m.version));
    if (found.usableFrom > known) throw new Error(clinicFormatSentence(found, 'clinic') ?? `The clinic database has format ${from}; this version knows up to ${known}.`);
    for (const m of [...list].filter((m) => m.version > from).sort((a, b) => a.version - b.version)) {
      await client.query(m.sql);
      await client.query('INSERT INTO clinic_schema (version, name, usable_from) VALUES ($1, $2, $3)', [m.version, m.name, m.usableFrom]);
    }
    const to = (await clinicFormat(client)).version;
    await client.query('COMMIT');
    return { from, to };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** The login role for a room: "Room 3" -> room_room_3. */
export function roomRoleName(room: string): string {
  const slug = room.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  return `room_${slug || 'unnamed'}`;
}

/** Creates (or re-keys) the insert-only login role for one room, as the database's owner. */
export async function createRoomRole(client: pg.ClientBase, room: string, password: string): Promise<{ role: string }> {
  const role = roomRoleName(room);
  const ident = client.escapeIdentifier(role);
  const secret = client.escapeLiteral(password);
  await client.query('BEGIN');
  try {
    const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (existing.rowCount) await client.query(`ALTER ROLE ${ident} LOGIN PASSWORD ${secret}`);
    else await client.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${secret} IN ROLE clinic_room`);
    await client.query('INSERT INTO clinic_rooms (room, role) VALUES ($1, $2) ON CONFLICT (room) DO UPDATE SET role = EXCLUDED.role', [room, role]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { role };
}
