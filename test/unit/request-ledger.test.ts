import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dispatch } from '../../main/core/bridge/dispatch';
import {
  RequestLedger,
  SECRET_ARGUMENT_FIELDS,
  SECRET_RESULT_METHODS,
  storedAnswers,
} from '../../main/core/bridge/request-ledger';
import { startHost, type RunningHost } from '../../main/host/server';
import { contract, type Envelope } from '../../main/core/contract/contract';
import { PINS, testRoom } from '../support/room';

/** The bridge's request ledger over a real room's database: a request id is bound to its method and arguments, and no secret is kept. */

const ADMIN_PIN = '482913';
const WRONG_PIN = '000000';

type Row = { request_id: string; method: string; digest: string | null; answer: string };

function ledgerRoom() {
  const t = testRoom();
  const { room } = t;
  let runs = 0;
  /** A call as the host and the window make it: through a ledger, with the room's own dispatch as the work. */
  const through = (ledger: RequestLedger, requestId: string, method: string, args: unknown) =>
    ledger.run(requestId, method, args, () => {
      runs++;
      return dispatch(room.handlers, method, args, () => {});
    });
  const rows = () =>
    room.db.prepare('SELECT request_id, method, digest, answer FROM bridge_requests ORDER BY rowid').all() as Row[];
  const count = (kind: string) =>
    room.db.prepare('SELECT COUNT(*) FROM events WHERE kind = ?').pluck().get(kind) as number;
  /** The room started again on the same records: a new ledger, the same database. */
  const restarted = () => new RequestLedger(storedAnswers(room.db));
  return { ...t, through, rows, count, restarted, runs: () => runs };
}

const startArgs = {
  patientRef: 'AB-1024',
  presetId: 'sublingual',
  plannedDoseMg: 150,
  therapist: 'Dr Kim',
  sitter: 'Sam',
};

describe('the request ledger binds a request id to its method and arguments', () => {
  it('answers the same id with the same arguments once: the first answer, the work not done again, whatever order the fields came in', async () => {
    const t = ledgerRoom();
    const ledger = t.restarted();
    const first = await t.through(ledger, 'request-start-1', 'startSession', startArgs);
    expect(first.ok).toBe(true);
    const reordered = {
      sitter: 'Sam',
      therapist: 'Dr Kim',
      plannedDoseMg: 150,
      presetId: 'sublingual',
      patientRef: 'AB-1024',
    };
    expect(await t.through(ledger, 'request-start-1', 'startSession', reordered)).toEqual(first);
    expect(t.runs()).toBe(1);
    expect(t.count('session_started')).toBe(1);
  });

  it('refuses the same id with other arguments, or for another method, and does nothing', async () => {
    const t = ledgerRoom();
    const ledger = t.restarted();
    expect((await t.through(ledger, 'request-start-2', 'startSession', startArgs)).ok).toBe(true);
    const other = await t.through(ledger, 'request-start-2', 'startSession', { ...startArgs, patientRef: 'ZZ-9999' });
    expect(other).toEqual({
      ok: false,
      error: {
        code: 'request_reused',
        message: 'This request was already used for something else. Reload the page and try again.',
      },
    });
    expect(await t.through(ledger, 'request-start-2', 'getRoom', {})).toMatchObject({
      ok: false,
      error: { code: 'request_reused' },
    });
    // After a restart the stored answer is bound the same way.
    expect(
      await t.through(t.restarted(), 'request-start-2', 'startSession', { ...startArgs, plannedDoseMg: 200 }),
    ).toMatchObject({ ok: false, error: { code: 'request_reused' } });
    expect(t.runs()).toBe(1);
    expect(t.count('session_started')).toBe(1);
  });

  it('refuses the same id with another PIN while the room runs; after a restart, the same call without its PIN on disk gets the stored answer', async () => {
    const t = ledgerRoom();
    const ledger = t.restarted();
    const args = { name: 'Dr Kim', pin: PINS['Dr Kim']! };
    const first = await t.through(ledger, 'request-switch-1', 'switchRecorder', args);
    expect(first.ok).toBe(true);
    expect(await t.through(ledger, 'request-switch-1', 'switchRecorder', { ...args, pin: WRONG_PIN })).toMatchObject({
      ok: false,
      error: { code: 'request_reused' },
    });
    expect(await t.through(ledger, 'request-switch-1', 'switchRecorder', args)).toEqual(first);
    expect(t.runs()).toBe(1);

    // The room starts again: the same id with the same arguments is answered from disk, without running.
    expect(await t.through(t.restarted(), 'request-switch-1', 'switchRecorder', args)).toEqual(first);
    expect(
      await t.through(t.restarted(), 'request-switch-1', 'switchRecorder', { name: 'Sam', pin: PINS.Sam! }),
    ).toMatchObject({ ok: false, error: { code: 'request_reused' } });
    expect(t.runs()).toBe(1);

    // On disk: the digest of the method and the name only; nothing derived from the PIN.
    const [row] = t.rows();
    const withoutPin = createHash('sha256')
      .update('{"args":{"name":"Dr Kim"},"method":"switchRecorder"}')
      .digest('hex');
    expect(row).toMatchObject({ request_id: 'request-switch-1', method: 'switchRecorder', digest: withoutPin });
    for (const r of t.rows()) expect(`${r.answer} ${r.digest}`).not.toContain(PINS['Dr Kim']!);
  });

  it('answers an id kept before answers had a digest by method only, as before', async () => {
    const t = ledgerRoom();
    const answer: Envelope<unknown> = { ok: true, value: { seq: 7 } };
    t.room.db
      .prepare(
        'INSERT INTO bridge_requests (request_id, method, digest, answer, answered_at) VALUES (?, ?, NULL, ?, 1)',
      )
      .run('request-old-1', 'recordCheckIn', JSON.stringify(answer));
    const ledger = t.restarted();
    expect(
      await t.through(ledger, 'request-old-1', 'recordCheckIn', { sessionId: 'any', note: 'Calm', author: 'Sam' }),
    ).toEqual(answer);
    expect(
      await t.through(ledger, 'request-old-1', 'addMark', { sessionId: 'any', mark: 'returning', author: 'Sam' }),
    ).toMatchObject({ ok: false, error: { code: 'request_reused' } });
    expect(t.runs()).toBe(0);
  });

  it('keeps no answer of a read: a session log read again is read anew, and an id used for a change is still not reused for it', async () => {
    const t = ledgerRoom();
    const ledger = t.restarted();
    const started = await t.through(ledger, 'request-start-9', 'startSession', startArgs);
    const sessionId = (started as { value: { session: { id: string } } }).value.session.id;
    const read = await t.through(ledger, 'request-read-1', 'getSession', { sessionId });
    expect(read).toMatchObject({ ok: true, value: { session: { id: sessionId } } });
    await t.through(ledger, 'request-check-1', 'recordCheckIn', { sessionId, author: 'Sam' });
    const again = await t.through(ledger, 'request-read-1', 'getSession', { sessionId });
    expect((again as { value: { events: unknown[] } }).value.events.length).toBe(
      (read as { value: { events: unknown[] } }).value.events.length + 1,
    );
    expect(t.rows().map((r) => r.method)).toEqual(['startSession', 'recordCheckIn']);
    expect(await t.through(ledger, 'request-start-9', 'getSession', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'request_reused' },
    });
  });

  it('lists every PIN and password field of the contract as a secret, so none reaches the disk', () => {
    const names = new Set<string>();
    const walk = (schema: z.ZodType | undefined, seen = new Set<unknown>()): void => {
      if (!schema || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
      const shape = def.shape as Record<string, z.ZodType> | undefined;
      if (shape) {
        for (const [key, inner] of Object.entries(shape)) {
          names.add(key);
          walk(inner, seen);
        }
      }
      for (const key of ['innerType', 'element', 'in', 'out', 'valueType', 'left', 'right'])
        walk(def[key] as z.ZodType | undefined, seen);
      for (const option of (def.options as z.ZodType[] | undefined) ?? []) walk(option, seen);
      for (const item of (def.items as z.ZodType[] | undefined) ?? []) walk(item, seen);
    };
    for (const entry of Object.values(contract)) walk(entry.args);
    // A word "pin" or "password" in a camelCase name: adminPin, newPinAgain, password (not benzodiazepines).
    const secretLooking = [...names].filter((n) => /(^pin|Pin)([A-Z]|$)|(^p|P)assword/.test(n));
    expect(secretLooking).toEqual(
      expect.arrayContaining(['pin', 'pinAgain', 'newPin', 'adminPin', 'clinicianPin', 'password']),
    );
    expect(secretLooking.filter((n) => !SECRET_ARGUMENT_FIELDS.includes(n))).toEqual([]);
  });
});

describe('the request ledger never keeps a secret answer', () => {
  it('keeps no admin key: not in bridge_requests, not replayed; a retried unlock with a wrong PIN is answered by the PIN check', async () => {
    const t = ledgerRoom();
    const ledger = t.restarted();
    expect(SECRET_RESULT_METHODS).toEqual(['unlockAdmin', 'setAdminPin']);
    const set = await t.through(ledger, 'request-admin-set', 'setAdminPin', { pin: ADMIN_PIN });
    expect(set).toMatchObject({ ok: true, value: { adminKey: expect.any(String) } });
    const unlocked = await t.through(ledger, 'request-admin-1', 'unlockAdmin', { pin: ADMIN_PIN });
    expect(unlocked).toMatchObject({ ok: true, value: { adminKey: expect.any(String) } });
    const key = (unlocked as { value: { adminKey: string } }).value.adminKey;

    // The same id with a wrong PIN: the real check answers, never the stored key.
    expect(await t.through(ledger, 'request-admin-1', 'unlockAdmin', { pin: WRONG_PIN })).toEqual({
      ok: false,
      error: { code: 'wrong_pin', message: 'That PIN is not right. Try again.' },
    });
    // The same id with the right PIN runs again and opens a new admin session.
    const again = await t.through(ledger, 'request-admin-1', 'unlockAdmin', { pin: ADMIN_PIN });
    expect(again).toMatchObject({ ok: true });
    expect((again as { value: { adminKey: string } }).value.adminKey).not.toBe(key);
    expect(t.runs()).toBe(4);

    // Nothing of it on disk: no row for either method, no admin key, no PIN.
    const disk = JSON.stringify(t.rows());
    expect(t.rows().filter((r) => SECRET_RESULT_METHODS.includes(r.method))).toEqual([]);
    expect(disk).not.toContain(key);
    expect(disk).not.toContain((set as { value: { adminKey: string } }).value.adminKey);
    expect(disk).not.toContain(ADMIN_PIN);
  });

  it('never gives out an admin key an older version kept on disk', async () => {
    const t = ledgerRoom();
    await dispatch(t.room.handlers, 'setAdminPin', { pin: ADMIN_PIN }, () => {});
    const old: Envelope<unknown> = { ok: true, value: { adminKey: 'ab'.repeat(24), expiresAt: 1 } };
    t.room.db
      .prepare(
        'INSERT INTO bridge_requests (request_id, method, digest, answer, answered_at) VALUES (?, ?, NULL, ?, 1)',
      )
      .run('request-admin-old', 'unlockAdmin', JSON.stringify(old));
    expect(await t.through(t.restarted(), 'request-admin-old', 'unlockAdmin', { pin: WRONG_PIN })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin', message: 'That PIN is not right. Try again.' },
    });
  });
});

describe('the browser host binds a request id to its call', () => {
  let host: RunningHost | undefined;
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });

  it('answers a retried unlock with a wrong PIN by the PIN check, and refuses a reused id with other arguments', async () => {
    const t = ledgerRoom();
    await dispatch(t.room.handlers, 'setAdminPin', { pin: ADMIN_PIN }, () => {});
    host = await startHost({
      room: t.room,
      rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer'),
      port: 0,
      log: () => {},
    });
    const { port, token } = host;
    const send = (method: string, requestId: string, body: unknown) =>
      fetch(`http://127.0.0.1:${port}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Room-Token': token, 'X-Room-Request': requestId },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Envelope<unknown>>);

    expect(await send('unlockAdmin', 'c0ffee00-0000-4000-8000-000000000001', { pin: ADMIN_PIN })).toMatchObject({
      ok: true,
      value: { adminKey: expect.any(String) },
    });
    expect(await send('unlockAdmin', 'c0ffee00-0000-4000-8000-000000000001', { pin: WRONG_PIN })).toMatchObject({
      ok: false,
      error: { code: 'wrong_pin' },
    });

    const started = await send('startSession', 'c0ffee00-0000-4000-8000-000000000002', startArgs);
    expect(started.ok).toBe(true);
    expect(await send('startSession', 'c0ffee00-0000-4000-8000-000000000002', startArgs)).toEqual(started);
    expect(
      await send('startSession', 'c0ffee00-0000-4000-8000-000000000002', { ...startArgs, patientRef: 'ZZ-9999' }),
    ).toMatchObject({ ok: false, error: { code: 'request_reused' } });
    expect(t.count('session_started')).toBe(1);
    expect(t.rows().map((r) => r.method)).toEqual(['startSession']);
  });
});
