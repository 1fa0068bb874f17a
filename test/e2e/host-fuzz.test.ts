import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../main/core/contract/channels';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { fuzzCorpus, raw, request, runAll, type Outcome } from '../support/fuzz';

/**
 * The browser host answers or closes every request and never exits on one: at least 1,000 malformed requests
 * over raw loopback sockets, then the same room still answers and nothing was written. Bounded in count and time.
 */

function counts(dataDir: string): { sessions: number; events: number } {
  const db = new Database(path.join(dataDir, 'session-room.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      sessions: db.prepare('SELECT COUNT(*) FROM sessions').pluck().get() as number,
      events: db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('the browser host under malformed traffic', () => {
  let host: HostProcess;
  let dataDir: string;
  let sessionId: string;

  beforeAll(async () => {
    dataDir = tempDataDir('room-fuzz-');
    host = await startHostProcess(dataDir, { testClock: false });
    const started = await host.value('startSession', {
      patientRef: 'FZ',
      presetId: 'im',
      plannedDoseMg: 50,
      therapist: 'Dr Kim',
    });
    sessionId = started.session.id;
  });
  afterAll(async () => host?.stop());

  it('answers or closes more than 1,000 malformed requests, keeps running, and writes nothing', async () => {
    const port = Number(new URL(host.origin).port);
    const token = host.token;
    const settingsBefore = fs
      .readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    const before = counts(dataDir);
    // Requests left unfinished on purpose may wait for the host's own time limit; every other one must be answered or closed.
    const { cases, mayWait } = fuzzCorpus({
      port,
      token,
      tokenHeader: 'X-Room-Token',
      methods: METHODS,
      callPath: (m) => `/api/call/${m}`,
      sessionId,
    });

    expect(cases.length).toBeGreaterThanOrEqual(1000);

    const outcomes = await runAll(cases);
    const unanswered = outcomes.map((o, i) => (o.kind === 'gave-up' && !mayWait.has(i) ? i : -1)).filter((i) => i >= 0);
    expect(unanswered).toEqual([]);
    const answered = outcomes.filter((o): o is Extract<Outcome, { kind: 'answered' }> => o.kind === 'answered');
    // No request made the room fail inside: refusals are 4xx, bridge refusals are envelopes.
    expect(answered.filter((o) => o.status >= 500)).toEqual([]);
    expect(answered.length).toBeGreaterThan(cases.length * 0.8);
    // The same process still runs, answers, and wrote nothing.
    expect(host.child.exitCode).toBeNull();
    expect(host.stderr()).not.toMatch(/unexpected error|TypeError|Invalid URL/);
    const room = await host.call('getRoom', {});
    expect(room.ok).toBe(true);
    expect(counts(dataDir)).toEqual(before);
    const settingsAfter = fs
      .readdirSync(dataDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    expect(settingsAfter).toEqual(settingsBefore);
    // And a well-formed call after all that is recorded as usual.
    expect((await host.call('getSession', { sessionId })).ok).toBe(true);
  }, 240_000);

  it('refuses a page from another name (a rebound DNS name) with 403, and still answers its own address', async () => {
    const port = Number(new URL(host.origin).port);
    const call = (headers: string) =>
      raw(port, [
        `POST /api/call/getRoom HTTP/1.1\r\n${headers}X-Room-Token: ${host.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      ]);
    expect(await call(`Host: attacker.example:${port}\r\n`)).toEqual({ kind: 'answered', status: 403 });
    expect(await call(`Host: 127.0.0.1:${port}\r\nOrigin: http://attacker.example:${port}\r\n`)).toEqual({
      kind: 'answered',
      status: 403,
    });
    expect(await call(`Host: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\n`)).toEqual({
      kind: 'answered',
      status: 200,
    });
    expect(await raw(port, [request('GET', '//', {})])).toEqual({ kind: 'answered', status: 200 });
  });
});
