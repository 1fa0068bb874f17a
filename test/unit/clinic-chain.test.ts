import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../main/core/clock';
import { openDatabase } from '../../main/core/db/open';
import { migrations } from '../../main/core/db/migrations';
import { closeRoom, openRoom } from '../../main/core/open-room';
import { eventDigest } from '../../main/core/session/chain';
import { chainReport, checkClinicChains } from '../../main/core/sync/chain-check';
import { filePasswordStore, writeConnection } from '../../main/core/sync/connection';
import { startClinicSync } from '../../main/core/sync/handlers';
import { clinicEvents, clinicFixture, inOrderOncePerSession } from '../support/clinic-room';
import { tempDataDir } from '../support/host-process';

const clinic = clinicFixture();

/** A room connected to the clinic database, with a session of a few notes, all of it arrived. */
async function syncedRoom(name: string, notes = 5) {
  const login = await clinic.cluster.addRoom(name);
  const r = clinic.newRoom();
  await r.connect({
    address: clinic.cluster.roomAddress,
    room: name,
    login: login.login,
    password: login.password,
    ca: clinic.cluster.ca,
  });
  const sessionId = await r.session();
  for (let i = 0; i < notes; i++) await r.note(sessionId, `note ${i}`);
  await expect
    .poll(async () => (await clinicEvents(clinic.owner, name)).length, { timeout: 20_000 })
    .toBe(r.eventCount());
  return { r, sessionId, login };
}

/** The superuser with the triggers off (as only a superuser can): what someone altering the record behind its back does. */
async function behindTheTriggers(sql: string, params: unknown[]): Promise<void> {
  const client = await clinic.cluster.owner();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** The room's chain as its database holds it, in chain order. */
const roomChain = (db: { prepare(sql: string): { all(): unknown[] } }) =>
  db
    .prepare(
      'SELECT chain_pos, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, prev_digest, digest FROM events ORDER BY chain_pos',
    )
    .all() as {
    chain_pos: number;
    session_id: string;
    seq: number;
    kind: string;
    occurred_at: number;
    recorded_at: number;
    author: string;
    author_role: string | null;
    payload: string;
    prev_digest: string | null;
    digest: string;
  }[];

const linked = (rows: ReturnType<typeof roomChain>) =>
  rows.every(
    (row, i) =>
      row.chain_pos === i + 1 &&
      row.prev_digest === (i === 0 ? null : rows[i - 1]!.digest) &&
      row.digest === eventDigest(row.prev_digest, row),
  );

describe('the room writes every event into its hash chain', () => {
  it('each event covers the digest of the one before it, across sessions; the database refuses an event out of the chain', async () => {
    const r = clinic.newRoom();
    const a = await r.session('AB-1');
    await r.note(a, 'first session');
    await r.ok('closeSession', { sessionId: a, author: 'Dr Kim', reason: 'Patient declined' });
    const b = await r.session('CD-2');
    await r.note(b, 'second session, naïve text ✓');
    const rows = roomChain(r.room.db);
    expect(rows.length).toBe(r.eventCount());
    expect(linked(rows)).toBe(true);
    // Written by hand, without its place in the chain: refused, whatever wrote it.
    const last = rows.at(-1)!;
    const insert = r.room.db.prepare(
      'INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, payload, chain_pos, prev_digest, digest) VALUES (?, 99, ?, 1, 1, ?, ?, ?, ?, ?)',
    );
    const fake = {
      session_id: b,
      seq: 99,
      kind: 'check_in',
      occurred_at: 1,
      recorded_at: 1,
      author: 'Sam',
      author_role: null,
      payload: '{}',
    };
    expect(() => insert.run(b, 'check_in', 'Sam', '{}', last.chain_pos + 1, null, eventDigest(null, fake))).toThrow(
      /joins the room's chain/,
    );
    expect(() =>
      insert.run(b, 'check_in', 'Sam', '{}', last.chain_pos, last.digest, eventDigest(last.digest, fake)),
    ).toThrow(/joins the room's chain/);
    expect(() =>
      r.room.db
        .prepare(
          'INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES (?, 99, ?, 1, 1, ?, ?)',
        )
        .run(b, 'check_in', 'Sam', '{}'),
    ).toThrow(/joins the room's chain/);
    expect(roomChain(r.room.db).length).toBe(rows.length);
  });

  it('a room upgraded from before the chain gets it in the order the clinic receives its events, and its queued events arrive linked', async () => {
    const name = 'Upgraded Room';
    const login = await clinic.cluster.addRoom(name);
    const dataDir = tempDataDir('room-chain-upgrade-');
    const old = openDatabase(
      dataDir,
      migrations.filter((m) => m.version <= 9),
    );
    // A closed session (the room folds only open ones at start); the events are what the chain is about.
    old
      .prepare(
        "INSERT INTO sessions (id, created_at, patient_ref, preset_id, closed_at, outcome) VALUES ('s-up', 1, 'AB', 'im', 3, 'discharged')",
      )
      .run();
    const add = old.prepare(
      "INSERT INTO events (session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ('s-up', ?, 'check_in', ?, ?, 'Sam', ?)",
    );
    for (let seq = 1; seq <= 4; seq++)
      add.run(seq, 1_000 + seq, 2_000 + seq, JSON.stringify({ note: `before ${seq}` }));
    // The first two already sent by the older version (the clinic has them without digests); two still queued.
    const asRoom = await clinic.cluster.asRoom(login.login, login.password);
    for (const seq of [1, 2]) {
      await asRoom.query(
        "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ($1, 's-up', $2, 'check_in', $3, $4, 'Sam', $5::jsonb)",
        [name, seq, 1_000 + seq, 2_000 + seq, JSON.stringify({ note: `before ${seq}` })],
      );
    }
    old.prepare('DELETE FROM outbox WHERE seq <= 2').run();
    old.close();

    const room = openRoom({ dataDir, clock: new ManualClock(Date.now()), settingsBackend: null });
    const rows = roomChain(room.db);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(linked(rows)).toBe(true);
    writeConnection(dataDir, {
      address: clinic.cluster.roomAddress,
      room: name,
      login: login.login,
      ca: clinic.cluster.ca,
    });
    filePasswordStore(dataDir).write(login.password);
    const sync = startClinicSync(room, dataDir, filePasswordStore(dataDir), {
      retryMinMs: 100,
      retryMaxMs: 400,
      log: () => undefined,
    });
    try {
      room.sessions.append('s-up', {
        kind: 'check_in',
        occurredAt: 5_000,
        author: 'Sam',
        payload: { note: 'after the upgrade' },
      });
      await expect.poll(async () => (await clinicEvents(clinic.owner, name)).length, { timeout: 20_000 }).toBe(5);
      const arrived = await clinic.owner.query(
        'SELECT seq, prev_digest, digest FROM events WHERE room = $1 ORDER BY arrival',
        [name],
      );
      expect(arrived.rows.map((e) => [e.seq, e.digest])).toEqual([
        [1, null],
        [2, null],
        ...roomChain(room.db)
          .slice(2)
          .map((e) => [e.seq, e.digest]),
      ]);
      const chain = (await checkClinicChains(clinic.owner)).find((c) => c.room === name);
      expect(chain).toEqual({ room: name, events: 5, beforeChain: 2, broken: null });
      // Its chain has started: an event without a digest (an older room's insert) is refused now.
      await expect(
        asRoom.query(
          "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload) VALUES ($1, 's-up', 50, 'check_in', 1, 1, 'Sam', '{}')",
          [name],
        ),
      ).rejects.toMatchObject({
        code: 'SR001',
        message: expect.stringMatching(/has no digest, and this room's chain has started/),
      });
    } finally {
      await sync.stop();
      await closeRoom(room);
    }
  });
});

describe('the clinic database checks each link as it arrives', () => {
  it("refuses an event whose digest does not match it, or that does not follow the room's last event; takes one sent again", async () => {
    const name = 'Link Room';
    const { r, login } = await syncedRoom(name, 2);
    const asRoom = await clinic.cluster.asRoom(login.login, login.password);
    const last = roomChain(r.room.db).at(-1)!;
    const insert = (e: { seq: number; payload: string; prev: string | null; digest: string }) =>
      asRoom.query(
        `INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, author_role, payload, payload_text, prev_digest, digest)
         VALUES ($1, $2, $3, 'check_in', 10, 11, 'Sam', NULL, $4::jsonb, $5, $6, $7) ON CONFLICT (room, session_id, seq) DO NOTHING`,
        [name, last.session_id, e.seq, e.payload, e.payload, e.prev, e.digest],
      );
    const fields = (seq: number, payload: string) => ({
      session_id: last.session_id,
      seq,
      kind: 'check_in',
      occurred_at: 10,
      recorded_at: 11,
      author: 'Sam',
      author_role: null,
      payload,
    });
    const good = {
      seq: 90,
      payload: '{"note":"a"}',
      prev: last.digest,
      digest: eventDigest(last.digest, fields(90, '{"note":"a"}')),
    };

    await expect(insert({ ...good, payload: '{"note":"b"}' })).rejects.toMatchObject({
      code: 'SR001',
      message: expect.stringMatching(/event 90 of session .* its digest does not match its contents/),
    });
    const stranger = roomChain(r.room.db)[0]!.digest;
    await expect(
      insert({ ...good, prev: stranger, digest: eventDigest(stranger, fields(90, good.payload)) }),
    ).rejects.toMatchObject({
      code: 'SR001',
      message: expect.stringMatching(/it does not follow this room's last event here/),
    });
    await insert(good);
    // The same event again (a batch whose answer was lost): left as it is, no error.
    await insert(good);
    expect(
      (await clinic.owner.query('SELECT count(*)::int AS n FROM events WHERE room = $1 AND seq = 90', [name])).rows[0]
        .n,
    ).toBe(1);
    expect(chainReport(await checkClinicChains(clinic.owner)).intact).toBe(true);
  });

  it("a refused link is a sentence in the room's sync line, and the room keeps recording", async () => {
    const name = 'Forked Room';
    const { r, sessionId, login } = await syncedRoom(name, 1);
    // Another writer under this room's login slips an event in: the room's next one no longer follows the clinic's last.
    const asRoom = await clinic.cluster.asRoom(login.login, login.password);
    const last = roomChain(r.room.db).at(-1)!;
    const slipped = {
      session_id: 'other',
      seq: 1,
      kind: 'check_in',
      occurred_at: 1,
      recorded_at: 1,
      author: 'Sam',
      author_role: null,
      payload: '{}',
    };
    await asRoom.query(
      "INSERT INTO events (room, session_id, seq, kind, occurred_at, recorded_at, author, payload, payload_text, prev_digest, digest) VALUES ($1, 'other', 1, 'check_in', 1, 1, 'Sam', '{}', '{}', $2, $3)",
      [name, last.digest, eventDigest(last.digest, slipped)],
    );
    await r.note(sessionId, 'after the fork');
    await expect
      .poll(() => r.sync.state().problem, { timeout: 15_000 })
      .toMatch(
        /^The clinic database refused this room's entries: event \d+ of session .* from room "Forked Room": it does not follow this room's last event here .*\. The room keeps recording; ask the clinic's IT to check the clinic record \(npm run clinic-db -- --dir <its folder> --verify\)\.$/,
      );
    const before = r.eventCount();
    await r.note(sessionId, 'still recording');
    expect(r.eventCount()).toBe(before + 1);
  });
});

describe('checking the chains (clinic-db --verify, the board)', () => {
  it('every chain intact; then a payload changed by the superuser behind the triggers is named with its room and event', async () => {
    const { r: one } = await syncedRoom('Verify Room 1', 4);
    await syncedRoom('Verify Room 2', 2);
    const intact = chainReport(await checkClinicChains(clinic.owner));
    expect(intact.lines).toEqual([expect.stringMatching(/^Every chain intact/)]);
    expect(intact.intact).toBe(true);
    expect(intact.lines).toEqual([expect.stringMatching(/^Every chain intact: \d+ rooms, \d+ events checked/)]);

    const target = roomChain(one.room.db).find((e) => e.seq === 3)!;
    await behindTheTriggers(
      `UPDATE events SET payload = payload || '{"text": "something else"}' WHERE room = $1 AND session_id = $2 AND seq = 3`,
      ['Verify Room 1', target.session_id],
    );
    const chains = await checkClinicChains(clinic.owner);
    expect(chains.find((c) => c.room === 'Verify Room 2')?.broken).toBeNull();
    const report = chainReport(chains);
    expect(report.intact).toBe(false);
    expect(report.lines[0]).toBe(
      `Room "Verify Room 1": event 3 (${target.kind}) of session ${target.session_id.slice(0, 8)} was changed after it arrived: its payload is no longer the one its digest covers.`,
    );
    expect(report.lines.filter((l) => l.includes('Verify Room 2'))).toEqual([]);
  });

  it('the text its digest covers changed too, an event removed, a digest removed: each named where it breaks', async () => {
    const { r } = await syncedRoom('Tampered Room', 6);
    const rows = roomChain(r.room.db);
    const broken = async () =>
      (await checkClinicChains(clinic.owner, { pageSize: 3 })).find((c) => c.room === 'Tampered Room')!.broken;
    const session = rows[0]!.session_id;

    // The payload and its text changed alike: the digest no longer matches.
    await behindTheTriggers(
      "UPDATE events SET payload = payload || '{\"x\":1}', payload_text = (payload || '{\"x\":1}')::text WHERE room = 'Tampered Room' AND session_id = $1 AND seq = 5",
      [session],
    );
    expect(await broken()).toMatchObject({
      seq: 5,
      sentence: expect.stringMatching(
        /event 5 \(.*\) of session .* was changed after it was recorded: its contents no longer match its digest\.$/,
      ),
    });

    // An earlier event removed: the one after it no longer follows (and that is the first break now).
    await behindTheTriggers("DELETE FROM events WHERE room = 'Tampered Room' AND session_id = $1 AND seq = 3", [
      session,
    ]);
    expect(await broken()).toMatchObject({
      seq: 4,
      sentence: expect.stringMatching(
        /event 4 .* does not follow the room's event before it: an event before it was removed, changed or slipped in\.$/,
      ),
    });

    // A digest removed from the second event: it is named, as an event without a digest inside the chain.
    await behindTheTriggers(
      "UPDATE events SET digest = NULL, prev_digest = NULL, payload_text = NULL WHERE room = 'Tampered Room' AND session_id = $1 AND seq = 2",
      [session],
    );
    expect(await broken()).toMatchObject({
      seq: 2,
      sentence: expect.stringMatching(/event 2 .* has no digest, though the room's chain had started before it/),
    });
  });

  it('catch-up after an outage keeps every link: events arrive in order and the chain is intact', async () => {
    const name = 'Outage Chain Room';
    const { r, sessionId } = await syncedRoom(name, 1);
    await clinic.cluster.stop();
    try {
      for (let chunk = 0; chunk < 3; chunk++) {
        r.room.recordAll(
          sessionId,
          Array.from({ length: 400 }, (_, i) => ({
            kind: 'check_in' as const,
            occurredAt: r.clock.now(),
            author: 'Sam',
            payload: { note: `outage ${chunk * 400 + i}` },
          })),
        );
      }
      await expect.poll(() => r.sync.state().status, { timeout: 15_000 }).toBe('problem');
    } finally {
      await clinic.cluster.start();
    }
    clinic.owner = await clinic.cluster.owner();
    await expect
      .poll(async () => (await clinicEvents(clinic.owner, name)).length, { timeout: 30_000 })
      .toBe(r.eventCount());
    expect(inOrderOncePerSession(await clinicEvents(clinic.owner, name))).toBe(true);
    expect((await checkClinicChains(clinic.owner)).find((c) => c.room === name)).toMatchObject({
      events: r.eventCount(),
      beforeChain: 0,
      broken: null,
    });
  });
});
