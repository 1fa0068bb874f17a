import Database from 'better-sqlite3';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../preload/channels';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';

/**
 * The browser host answers or closes every request and never exits on one: at least 1,000 malformed requests
 * over raw loopback sockets, then the same room still answers and nothing was written. Bounded in count and time.
 */

type Outcome = { kind: 'answered'; status: number } | { kind: 'closed' } | { kind: 'gave-up' };

/** Sends raw bytes to the host; `cut` closes our side right after writing, as a dropped connection would. */
function raw(port: number, parts: (string | Buffer)[], options: { cut?: boolean; waitMs?: number } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let got = '';
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'gave-up' }), options.waitMs ?? 3000);
    socket.on('error', () => settle(got ? answered() : { kind: 'closed' }));
    const answered = (): Outcome => {
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      return match ? { kind: 'answered', status: Number(match[1]) } : { kind: 'closed' };
    };
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      // The status line is enough to know the host answered.
      if (/^HTTP\/1\.[01] \d{3}/.test(got)) settle(answered());
    });
    socket.on('close', () => settle(got ? answered() : { kind: 'closed' }));
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
      if (options.cut) settle({ kind: 'closed' });
    });
  });
}

const request = (method: string, target: string, headers: Record<string, string>, body = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}${body || method === 'POST' ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`;

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

/** Runs the cases `width` at a time, so the whole fuzz stays within a bounded time on a shared machine. */
async function runAll(cases: (() => Promise<Outcome>)[], width = 16): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < cases.length) {
        const i = next++;
        outcomes[i] = await cases[i]!();
      }
    }),
  );
  return outcomes;
}

describe('the browser host under malformed traffic', () => {
  let host: HostProcess;
  let dataDir: string;
  let sessionId: string;

  beforeAll(async () => {
    dataDir = tempDataDir('room-fuzz-');
    host = await startHostProcess(dataDir, { testClock: false });
    const started = await host.value('startSession', { patientRef: 'FZ', presetId: 'im', plannedDoseMg: 50, therapist: 'Dr Ames' });
    sessionId = started.session.id;
  });
  afterAll(async () => host?.stop());

  it('answers or closes more than 1,000 malformed requests, keeps running, and writes nothing', async () => {
    const port = Number(new URL(host.origin).port);
    const token = host.token;
    const settingsBefore = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    const before = counts(dataDir);
    const cases: (() => Promise<Outcome>)[] = [];
    // Requests left unfinished on purpose may wait for the host's own time limit; every other one must be answered or closed.
    const mayWait = new Set<number>();
    const add = (parts: (string | Buffer)[], options?: { cut?: boolean; waitMs?: number; unfinished?: boolean }) => {
      if (options?.unfinished) mayWait.add(cases.length);
      cases.push(() => raw(port, parts, options));
    };

    const long = `/${'a'.repeat(64 * 1024)}`;
    const oddPaths = ['//', '///', '//api/call/getRoom', '/%zz', '/%', '/%00', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/media/%zz', '/media/..%2f..%2fsession-room.db', '/exports/%zz',
      '/exports/..%2fsession-room.db', '/api/call/%zz', '/api/%zz', '/api/events/%zz', '*', 'x', 'http://other.example/x', '/?token=%zz', '/api/call/getRoom?token=%zz&token=1', long, `/api/call/${'x'.repeat(64 * 1024)}`];
    for (const p of oddPaths) {
      for (const m of ['GET', 'POST', 'HEAD']) {
        add([request(m, p, {})]);
        add([request(m, p, { 'X-Room-Token': token })]);
      }
    }
    for (const m of ['FOO', 'PROPFIND', 'BREW', 'TRACE', 'OPTIONS', 'DELETE', 'PATCH', 'PUT', 'CONNECT', 'get', 'G\u00c9T']) {
      for (const p of ['/', '/api/call/addMark', '/media/x.mp3', '/exports/x.roomset.zip', '//', '/%zz']) add([request(m, p, { 'X-Room-Token': token })]);
    }
    // Broken chunked bodies.
    const chunked = `POST /api/call/addMark HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Room-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`;
    for (const body of ['zz\r\n{}\r\n0\r\n\r\n', '-1\r\n{}\r\n0\r\n\r\n', '5\r\n{}\r\n0\r\n\r\n', 'ffffffffffffffff\r\n{}', '2\r\n{}', '2;x\r\n{}\r\nq\r\n', '\r\n\r\n', '1\r\n{\r\n1\r\n}\r\n0\r\nBad header\r\n\r\n']) {
      add([chunked, body], { waitMs: 1500, unfinished: true });
      add([chunked, body], { cut: true });
    }
    add([`POST /api/call/getRoom HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\nX-Room-Token: ${token}\r\n\r\n0\r\n\r\n`]);
    // Header floods: many headers, one huge header.
    for (let i = 0; i < 6; i++) {
      add([`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 3000 }, (_, n) => `X-H${n}: ${n}\r\n`).join('')}\r\n`]);
      add([`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(128 * 1024)}\r\n\r\n`]);
      add([`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n`]);
      add([`GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n`]);
      add([`\x00\x01\x02\xff garbage\r\n\r\n`]);
      add([Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00])]);
    }
    // Cut connections, at every stage of a request.
    const full = request('POST', '/api/call/addMark', { 'X-Room-Token': token, 'Content-Type': 'application/json' }, JSON.stringify({ sessionId, mark: 'peak', author: 'x' }));
    for (let cut = 1; cut < 120; cut += 3) add([full.slice(0, cut)], { cut: true });
    for (let i = 0; i < 10; i++) add([`GET /api/events?token=${token} HTTP/1.1\r\nHost: x\r\n\r\n`], { cut: true });
    // Bodies over the cap: declared, and sent.
    for (let i = 0; i < 4; i++) {
      add([`POST /api/call/getRoom HTTP/1.1\r\nHost: x\r\nX-Room-Token: ${token}\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"a":`], { waitMs: 3000 });
      add([`POST /api/call/getRoom HTTP/1.1\r\nHost: x\r\nX-Room-Token: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`, `${(1536 * 1024).toString(16)}\r\n`, Buffer.alloc(1536 * 1024, 0x20)], { waitMs: 5000 });
    }
    // Every bridge method with malformed arguments, with the token, without it, and with a wrong one.
    const malformed = ['[]', '"x"', '42', 'null', 'true', '{', '{"a":1', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
      JSON.stringify({ sessionId: 5 }), JSON.stringify({ sessionId, mg: 'lots', booster: 'no', author: 7 }), JSON.stringify({ sessionId, occurredAt: -1, author: '' }),
      JSON.stringify({ sessionId: '00000000-0000-0000-0000-000000000000', unknown: 1 }), JSON.stringify({ x: 'y'.repeat(200_000) }), '\u0000', '{"sessionId":"\u0000"}'];
    const tokens: Record<string, string>[] = [{ 'X-Room-Token': token }, {}, { 'X-Room-Token': 'f'.repeat(48) }];
    for (const method of [...METHODS, 'noSuchMethod', '__proto__', 'constructor', 'toString']) {
      for (const body of malformed) {
        for (const t of tokens) add([request('POST', `/api/call/${method}`, { ...t, 'Content-Type': 'application/json' }, body)]);
      }
    }
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
    const settingsAfter = fs.readdirSync(dataDir).filter((f) => f.endsWith('.json')).map((f) => fs.readFileSync(path.join(dataDir, f), 'utf8'));
    expect(settingsAfter).toEqual(settingsBefore);
    // And a well-formed call after all that is recorded as usual.
    expect((await host.call('getSession', { sessionId })).ok).toBe(true);
  }, 240_000);
});
