import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../main/core/contract/channels';
import { startHostProcess, tempDataDir, type HostProcess } from '../support/host-process';
import { fuzzCorpus, raw, request, runAll, type Outcome } from '../support/fuzz';
import { seedStaffSettings } from '../support/staff';
import { MllpClient, pcd01Message } from '../../main/core/monitor/simulator';

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

/** A seeded generator: the same corpus every run. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

/** Malformed and hostile PCD-01 messages: cut, with bytes flipped, separators changed, values and codes out of shape. */
function mllpCorpus(count: number): string[] {
  const random = seeded(24);
  const base = pcd01Message({
    controlId: 'FUZZ',
    time: Date.UTC(2026, 11, 4, 12),
    values: { systolic: 120, diastolic: 80, heartRate: 70 },
  });
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const fixed = [
    '',
    'MSH',
    'MSH|',
    'MSH|^~\\&',
    'MSH|^~\\&|||||||||',
    'MSHXXXXXXXX',
    '\r\r\r',
    base.replace('ORU^R01', ''),
    base.replace('|P|2.6', ''),
    base.replace(/\|120\|/, '|1e309|'),
    base.replace(/\|120\|/, '|-0|'),
    base.replace(/\|120\|/, '|NaN|'),
    base.replace(/\|120\|/, `|${'9'.repeat(5000)}|`),
    base.replace('OBX|1|NM', 'OBX|1|ST'),
    base + '\r' + 'OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC||97|%'.repeat(200),
    base.replace(/\^/g, '^'.repeat(50)),
    base.replace(/MSH\|\^~\\&/, 'MSH|||||'),
    base.replace(/MSH\|\^~\\&/, 'MSH\u0000\u0001\u0002\u0003\u0004'),
    base.replace('PID|||', `PID|||${'\u{1F600}'.repeat(100)}`),
    base.replace(/OBX\|1\|NM\|[^|]*/, 'OBX|1|NM|'),
    base.replace(/\r/g, '\n'),
    'MSH|^~\\&|A|B|C|D|x||ORU^R01|' + 'A'.repeat(100_000),
  ];
  const out = [...fixed];
  while (out.length < count) {
    let m = base;
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * m.length);
      const kind = pick(['cut', 'flip', 'insert', 'sep', 'dup'] as const);
      if (kind === 'cut') m = m.slice(0, at);
      else if (kind === 'flip')
        m = m.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x2ff)) + m.slice(at + 1);
      else if (kind === 'insert')
        m = m.slice(0, at) + pick(['|', '^', '~', '\\', '&', '\r', '\u0000', '\uffff', '\u001c']) + m.slice(at);
      else if (kind === 'sep') m = m.slice(0, 3) + pick(['#', '|', '^', '\r', ' ', '']) + m.slice(4);
      else m = m.slice(0, at) + m.slice(at, at + 40).repeat(3) + m.slice(at);
    }
    out.push(m);
  }
  return out;
}

describe('the monitor listener under malformed traffic (MLLP)', () => {
  it('answers more than 1,000 malformed and hostile messages with an ACK or a close, keeps running, and records none of them', async () => {
    const dataDir = tempDataDir('room-mllp-fuzz-');
    seedStaffSettings(dataDir, {
      extra: {
        monitor: { enabled: true, name: 'Bedside monitor', address: '127.0.0.1', port: 0, allowlist: ['127.0.0.1'] },
      },
    });
    const host = await startHostProcess(dataDir, { testClock: false });
    try {
      await host.value('startSession', {
        patientRef: 'FZ',
        presetId: 'im',
        plannedDoseMg: 50,
        therapist: 'Dr Kim',
      });
      const to = { host: '127.0.0.1', port: Number((await host.value('getMonitor', {})).listening!.split(':')[1]) };
      const before = counts(dataDir);
      const corpus = mllpCorpus(1200);
      let client = await MllpClient.connect(to);
      const answers: Record<string, number> = {};
      for (const message of corpus) {
        const ack = await client.send(
          message.includes('\u001c') ? Buffer.from(`\u000b${message}\u001c\r`, 'utf8') : message,
          3000,
        );
        answers[ack.code] = (answers[ack.code] ?? 0) + 1;
        // A message the frame cut short leaves the connection waiting for its end: a new connection goes on.
        if (ack.code === 'closed' || ack.code === 'timeout') {
          client.close();
          client = await MllpClient.connect(to);
        }
      }
      client.close();
      expect(corpus.length).toBeGreaterThanOrEqual(1000);
      // Every message but those a control byte cut short was answered.
      expect((answers.AE ?? 0) + (answers.AR ?? 0) + (answers.AA ?? 0)).toBeGreaterThan(corpus.length * 0.9);
      expect(host.child.exitCode).toBeNull();
      expect(host.stderr()).not.toMatch(/unexpected error|TypeError|RangeError/);
      // Nothing the fuzz sent reached the record (the monitor was never confirmed on the patient), and the room still answers.
      expect(counts(dataDir)).toEqual(before);
      expect((await host.call('getRoom', {})).ok).toBe(true);
      const fine = await MllpClient.connect(to);
      expect((await fine.send(pcd01Message({ controlId: 'AFTER', time: Date.now(), values: { spo2: 97 } }))).code).toBe(
        'AA',
      );
      fine.close();
    } finally {
      await host.stop();
    }
  }, 240_000);
});
