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

    -- Roles belong to the whole server: a second clinic database on it shares them.
    DO $$ BEGIN CREATE ROLE clinic_room NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
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

/** The role that owns the clinic's tables: no login, no superuser; no one acts as it but the server's superuser. */
export const OWNER_ROLE = 'clinic_owner';
/** The read-only role every board login is in. */
export const READER_ROLE = 'clinic_reader';
/** The board's login, made by clinic-db. */
export const BOARD_LOGIN = 'clinic_board';

/**
 * Least privilege. The tables, views and functions belong to a role no one logs in as and that is no superuser; the
 * structure changes only through clinic-db (the superuser), which an event trigger enforces even for that owner. A room's
 * login inserts only the columns it owns into its own rows (arrival and received times are the server's) and reads its
 * own; the board's logins only read; the notification no longer names the room; room reports are append-only like events.
 * Idempotent (a cluster's roles are shared by its databases).
 */
const migration3: ClinicMigration = {
  version: 3,
  // Older rooms send only the columns a room still may, and older boards read as before: they may use it.
  usableFrom: 1,
  name: 'tables owned by a role without login; rooms insert only their columns; a read-only board role; notifications without the room',
  sql: `
    DO $$ BEGIN
      CREATE ROLE ${OWNER_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object THEN NULL; END $$;
    DO $$ BEGIN CREATE ROLE ${READER_ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
    ALTER ROLE ${OWNER_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

    -- The notification says only that something arrived: a listening room learns nothing of the others.
    CREATE OR REPLACE FUNCTION clinic_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_notify('clinic_events', '');
      RETURN NULL;
    END $fn$;
    CREATE OR REPLACE TRIGGER room_reports_no_truncate BEFORE TRUNCATE ON room_reports
      FOR EACH STATEMENT EXECUTE FUNCTION clinic_refuse_change();

    ALTER TABLE clinic_schema OWNER TO ${OWNER_ROLE};
    ALTER TABLE clinic_rooms OWNER TO ${OWNER_ROLE};
    ALTER TABLE events OWNER TO ${OWNER_ROLE};
    ALTER TABLE room_reports OWNER TO ${OWNER_ROLE};
    ALTER VIEW clinic_sessions OWNER TO ${OWNER_ROLE};
    ALTER VIEW clinic_room_status OWNER TO ${OWNER_ROLE};
    ALTER FUNCTION clinic_current_room() OWNER TO ${OWNER_ROLE};
    ALTER FUNCTION clinic_refuse_change() OWNER TO ${OWNER_ROLE};
    ALTER FUNCTION clinic_notify() OWNER TO ${OWNER_ROLE};
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;

    -- Nothing for anyone unless granted here.
    REVOKE ALL ON clinic_schema, clinic_rooms, events, room_reports, clinic_sessions, clinic_room_status FROM PUBLIC;
    REVOKE ALL ON FUNCTION clinic_current_room(), clinic_refuse_change(), clinic_notify() FROM PUBLIC;

    -- A room: its own columns into its own rows, and reads its own.
    REVOKE ALL ON events, room_reports FROM clinic_room;
    GRANT USAGE ON SCHEMA public TO clinic_room;
    GRANT SELECT ON clinic_schema, events, room_reports, clinic_sessions TO clinic_room;
    GRANT INSERT (room, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload) ON events TO clinic_room;
    GRANT INSERT (room, waiting) ON room_reports TO clinic_room;
    GRANT EXECUTE ON FUNCTION clinic_current_room() TO clinic_room;
    ALTER POLICY events_own_room_insert ON events TO clinic_room;
    ALTER POLICY events_own_room_select ON events TO clinic_room;
    ALTER POLICY reports_own_room_insert ON room_reports TO clinic_room;
    ALTER POLICY reports_own_room_select ON room_reports TO clinic_room;

    -- The board: reads every room, writes nothing.
    GRANT USAGE ON SCHEMA public TO ${READER_ROLE};
    GRANT SELECT ON clinic_schema, clinic_rooms, events, room_reports, clinic_sessions, clinic_room_status TO ${READER_ROLE};
    DROP POLICY IF EXISTS events_reader_select ON events;
    CREATE POLICY events_reader_select ON events FOR SELECT TO ${READER_ROLE} USING (true);
    DROP POLICY IF EXISTS reports_reader_select ON room_reports;
    CREATE POLICY reports_reader_select ON room_reports FOR SELECT TO ${READER_ROLE} USING (true);

    -- The structure changes only through clinic-db's maintenance (a superuser): not by the owner, a room or the board.
    -- Owned by the superuser that runs this, so the owner cannot replace it.
    CREATE OR REPLACE FUNCTION clinic_refuse_ddl() RETURNS event_trigger
      LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
    BEGIN
      IF NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) THEN
        RAISE EXCEPTION 'the clinic database''s structure changes only through its maintenance (npm run clinic-db): % is refused', tg_tag
          USING ERRCODE = 'insufficient_privilege';
      END IF;
    END $fn$;
    REVOKE ALL ON FUNCTION clinic_refuse_ddl() FROM PUBLIC;
    DROP EVENT TRIGGER IF EXISTS clinic_no_ddl;
    CREATE EVENT TRIGGER clinic_no_ddl ON ddl_command_start EXECUTE FUNCTION clinic_refuse_ddl();
    ALTER EVENT TRIGGER clinic_no_ddl ENABLE ALWAYS;
  `,
};

/** The SQLSTATE the clinic database raises when it refuses an event that breaks its room's hash chain. */
export const CHAIN_REFUSED = 'SR001';

/**
 * Tamper evidence: each event comes with its room's hash chain (main/core/session/chain.ts): the digest of the room's
 * event before it, its own digest, and the payload's text as the room wrote it, which that digest covers. The database
 * refuses an event whose digest does not match its contents, or whose link is not the room's last digest here; the
 * first event of a room's chain here is taken as its start (a room's earlier events may have arrived before this format,
 * without digests, or gone to another clinic database). A room of an older version still sends without digests until
 * its room's chain has started. `clinic-db --verify` and the board walk the chains.
 */
const migration4: ClinicMigration = {
  version: 4,
  // Older rooms send without digests (taken until their room's chain starts) and older boards read as before.
  usableFrom: 1,
  name: 'hash chain per room: each event linked to the one before it and checked on arrival',
  sql: `
    ALTER TABLE events
      ADD COLUMN payload_text text,
      ADD COLUMN prev_digest text CHECK (prev_digest ~ '^[0-9a-f]{64}$'),
      ADD COLUMN digest text CHECK (digest ~ '^[0-9a-f]{64}$');
    CREATE INDEX events_chain_head ON events (room, arrival) WHERE digest IS NOT NULL;

    -- The same encoding as the room's (session/chain.ts): a label, then each field as <bytes>:<text>, or ~ for none.
    CREATE FUNCTION clinic_event_digest(prev text, session_id text, seq integer, kind text, occurred_at bigint, recorded_at bigint, author text, author_role text, payload text)
      RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
      SELECT encode(sha256(convert_to('session-room-event-v1' || string_agg(
               CASE WHEN f IS NULL THEN '~' ELSE octet_length(convert_to(f, 'UTF8'))::text || ':' || f END, '' ORDER BY i), 'UTF8')), 'hex')
      FROM unnest(ARRAY[prev, session_id, seq::text, kind, occurred_at::text, recorded_at::text, author, author_role, payload]) WITH ORDINALITY AS t (f, i)
    $fn$;

    CREATE FUNCTION clinic_check_chain() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_catalog, pg_temp AS $fn$
    DECLARE
      last_digest text;
      what text := format('event %s of session %s from room "%s"', NEW.seq, NEW.session_id, NEW.room);
    BEGIN
      -- One room's events join its chain one at a time: two writers cannot both extend it from the same link.
      PERFORM pg_advisory_xact_lock(727275, hashtext(NEW.room));
      -- The same event sent again (a batch whose answer was lost): ON CONFLICT leaves the one here; nothing to check.
      IF EXISTS (SELECT 1 FROM events WHERE room = NEW.room AND session_id = NEW.session_id AND seq = NEW.seq) THEN
        RETURN NEW;
      END IF;
      SELECT digest INTO last_digest FROM events WHERE room = NEW.room AND digest IS NOT NULL ORDER BY arrival DESC LIMIT 1;
      IF NEW.digest IS NULL THEN
        IF NEW.prev_digest IS NOT NULL OR NEW.payload_text IS NOT NULL THEN
          RAISE EXCEPTION 'the clinic record refuses %: it names a link or a text but has no digest', what USING ERRCODE = 'SR001';
        END IF;
        IF last_digest IS NOT NULL THEN
          RAISE EXCEPTION 'the clinic record refuses %: it has no digest, and this room''s chain has started (update the room)', what USING ERRCODE = 'SR001';
        END IF;
        RETURN NEW; -- a room of a version before the chain
      END IF;
      IF NEW.payload_text IS NULL OR NEW.payload_text::jsonb IS DISTINCT FROM NEW.payload THEN
        RAISE EXCEPTION 'the clinic record refuses %: its payload is not the text its digest covers', what USING ERRCODE = 'SR001';
      END IF;
      IF NEW.digest IS DISTINCT FROM clinic_event_digest(NEW.prev_digest, NEW.session_id, NEW.seq, NEW.kind, NEW.occurred_at, NEW.recorded_at, NEW.author, NEW.author_role, NEW.payload_text) THEN
        RAISE EXCEPTION 'the clinic record refuses %: its digest does not match its contents', what USING ERRCODE = 'SR001';
      END IF;
      IF last_digest IS NOT NULL AND NEW.prev_digest IS DISTINCT FROM last_digest THEN
        RAISE EXCEPTION 'the clinic record refuses %: it does not follow this room''s last event here (it follows %, the last here is %)',
          what, coalesce(left(NEW.prev_digest, 12), 'nothing'), left(last_digest, 12) USING ERRCODE = 'SR001';
      END IF;
      RETURN NEW;
    END $fn$;
    CREATE TRIGGER events_chain BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION clinic_check_chain();

    ALTER FUNCTION clinic_event_digest(text, text, integer, text, bigint, bigint, text, text, text) OWNER TO ${OWNER_ROLE};
    ALTER FUNCTION clinic_check_chain() OWNER TO ${OWNER_ROLE};
    REVOKE ALL ON FUNCTION clinic_event_digest(text, text, integer, text, bigint, bigint, text, text, text), clinic_check_chain() FROM PUBLIC;
    GRANT INSERT (payload_text, prev_digest, digest) ON events TO clinic_room;
  `,
};

export const clinicMigrations: readonly ClinicMigration[] = [migration1, migration2, migration3, migration4];
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
  const column = await client.query(
    "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'clinic_schema' AND column_name = 'usable_from'",
  );
  const usable = column.rowCount ? 'coalesce(usable_from, version)' : 'version';
  const row = await client.query<{ v: number | null; u: number | null }>(
    `SELECT max(version) AS v, max(${usable}) AS u FROM clinic_schema`,
  );
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
      (reader === 'room'
        ? 'Update this room to send to it; the room keeps recording meanwhile.'
        : 'Update Session Room on this machine to use it.')
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

/** Applies every pending clinic migration in one transaction (as a superuser: clinic-db's maintenance login). */
export async function migrateClinic(
  client: pg.ClientBase,
  list: readonly ClinicMigration[] = clinicMigrations,
): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(727274)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS clinic_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), usable_from integer)',
    );
    const found = await clinicFormat(client);
    const from = found.version;
    const known = Math.max(...list.map((m) => m.version));
    if (found.usableFrom > known)
      throw new Error(
        clinicFormatSentence(found, 'clinic') ??
          `The clinic database has format ${from}; this version knows up to ${known}.`,
      );
    for (const m of [...list].filter((m) => m.version > from).sort((a, b) => a.version - b.version)) {
      await client.query(m.sql);
      await client.query('INSERT INTO clinic_schema (version, name, usable_from) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.usableFrom,
      ]);
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
  const slug = room
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  return `room_${slug || 'unnamed'}`;
}

/** Creates or re-keys a login that may only do what `group` grants (a room's or the board's), as the superuser. */
async function loginIn(client: pg.ClientBase, role: string, group: string, password: string): Promise<void> {
  const ident = client.escapeIdentifier(role);
  const secret = client.escapeLiteral(password);
  const existing = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  // Whatever the role was before, it is now only this: a login in its group, nothing more.
  const only = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT';
  if (existing.rowCount) await client.query(`ALTER ROLE ${ident} ${only} PASSWORD ${secret}`);
  else await client.query(`CREATE ROLE ${ident} ${only} PASSWORD ${secret}`);
  await client.query(`GRANT ${client.escapeIdentifier(group)} TO ${ident}`);
}

/** Creates (or re-keys) the insert-only login role for one room, as the superuser. */
export async function createRoomRole(client: pg.ClientBase, room: string, password: string): Promise<{ role: string }> {
  const role = roomRoleName(room);
  await client.query('BEGIN');
  try {
    await loginIn(client, role, 'clinic_room', password);
    await client.query(
      'INSERT INTO clinic_rooms (room, role) VALUES ($1, $2) ON CONFLICT (room) DO UPDATE SET role = EXCLUDED.role',
      [room, role],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return { role };
}

/** Creates (or re-keys) the board's read-only login, as the superuser. */
export async function createBoardRole(client: pg.ClientBase, password: string): Promise<{ role: string }> {
  await loginIn(client, BOARD_LOGIN, READER_ROLE, password);
  return { role: BOARD_LOGIN };
}
