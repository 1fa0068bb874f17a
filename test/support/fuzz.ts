import net from 'node:net';

/**
 * Malformed traffic for the room's loopback servers (the browser host and the chair board): the same corpus for both,
 * sent over raw sockets. Each case is answered, closed, or (only where it is left unfinished on purpose) waits.
 */

export type Outcome = { kind: 'answered'; status: number } | { kind: 'closed' } | { kind: 'gave-up' };

/** Sends raw bytes to the host; `cut` closes our side right after writing, as a dropped connection would. */
export function raw(
  port: number,
  parts: (string | Buffer)[],
  options: { cut?: boolean; waitMs?: number } = {},
): Promise<Outcome> {
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

export const request = (method: string, target: string, headers: Record<string, string>, body = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}${body || method === 'POST' ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`;

/** Runs the cases `width` at a time, so the whole fuzz stays within a bounded time on a shared machine. */
export async function runAll(cases: (() => Promise<Outcome>)[], width = 16): Promise<Outcome[]> {
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

/** Every case of the corpus for a server on `port`: odd addresses and methods, broken bodies, floods, cut connections, and each of `methods` called with malformed arguments. */
export function fuzzCorpus(o: {
  port: number;
  token: string;
  tokenHeader: string;
  methods: readonly string[];
  callPath: (method: string) => string;
  sessionId: string;
}): { cases: (() => Promise<Outcome>)[]; mayWait: Set<number> } {
  const { port, token, sessionId } = o;
  const cases: (() => Promise<Outcome>)[] = [];
  const mayWait = new Set<number>();
  const add = (parts: (string | Buffer)[], options?: { cut?: boolean; waitMs?: number; unfinished?: boolean }) => {
    if (options?.unfinished) mayWait.add(cases.length);
    cases.push(() => raw(port, parts, options));
  };
  const keyed = (extra: Record<string, string> = {}) => ({ [o.tokenHeader]: token, ...extra });
  const long = `/${'a'.repeat(64 * 1024)}`;
  const oddPaths = [
    '//',
    '///',
    '//api/call/getRoom',
    '/%zz',
    '/%',
    '/%00',
    '/%E0%A4%A',
    '/..%2f..%2fetc%2fpasswd',
    '/media/%zz',
    '/media/..%2f..%2fsession-room.db',
    '/exports/%zz',
    '/exports/..%2fsession-room.db',
    '/api/call/%zz',
    '/api/%zz',
    '/api/events/%zz',
    '*',
    'x',
    'http://other.example/x',
    '/?token=%zz',
    '/api/call/getRoom?token=%zz&token=1',
    long,
    `/api/call/${'x'.repeat(64 * 1024)}`,
  ];
  for (const p of oddPaths) {
    for (const m of ['GET', 'POST', 'HEAD']) {
      add([request(m, p, {})]);
      add([request(m, p, keyed())]);
    }
  }
  for (const m of [
    'FOO',
    'PROPFIND',
    'BREW',
    'TRACE',
    'OPTIONS',
    'DELETE',
    'PATCH',
    'PUT',
    'CONNECT',
    'get',
    'G\u00c9T',
  ]) {
    for (const p of ['/', '/api/call/addMark', '/media/x.mp3', '/exports/x.roomset.zip', '//', '/%zz'])
      add([request(m, p, keyed())]);
  }
  // Broken chunked bodies.
  const chunked = `POST /api/call/addMark HTTP/1.1\r\nHost: 127.0.0.1\r\n${o.tokenHeader}: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`;
  for (const body of [
    'zz\r\n{}\r\n0\r\n\r\n',
    '-1\r\n{}\r\n0\r\n\r\n',
    '5\r\n{}\r\n0\r\n\r\n',
    'ffffffffffffffff\r\n{}',
    '2\r\n{}',
    '2;x\r\n{}\r\nq\r\n',
    '\r\n\r\n',
    '1\r\n{\r\n1\r\n}\r\n0\r\nBad header\r\n\r\n',
  ]) {
    add([chunked, body], { waitMs: 1500, unfinished: true });
    add([chunked, body], { cut: true });
  }
  add([
    `POST /api/call/getRoom HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n${o.tokenHeader}: ${token}\r\n\r\n0\r\n\r\n`,
  ]);
  // Header floods: many headers, one huge header.
  for (let i = 0; i < 6; i++) {
    add([
      `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 3000 }, (_, n) => `X-H${n}: ${n}\r\n`).join('')}\r\n`,
    ]);
    add([`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'b'.repeat(128 * 1024)}\r\n\r\n`]);
    add([`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Line\r\n\r\n`]);
    add([`GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n`]);
    add([`\x00\x01\x02\xff garbage\r\n\r\n`]);
    add([Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00])]);
  }
  // Cut connections, at every stage of a request.
  const full = request(
    'POST',
    '/api/call/addMark',
    keyed({ 'Content-Type': 'application/json' }),
    JSON.stringify({ sessionId, mark: 'peak', author: 'x' }),
  );
  for (let cut = 1; cut < 120; cut += 3) add([full.slice(0, cut)], { cut: true });
  for (let i = 0; i < 10; i++)
    add([`GET /api/events?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`], { cut: true });
  // Bodies over the cap: declared, and sent.
  for (let i = 0; i < 4; i++) {
    add(
      [
        `POST /api/call/getRoom HTTP/1.1\r\nHost: 127.0.0.1\r\n${o.tokenHeader}: ${token}\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"a":`,
      ],
      { waitMs: 3000 },
    );
    add(
      [
        `POST /api/call/getRoom HTTP/1.1\r\nHost: 127.0.0.1\r\n${o.tokenHeader}: ${token}\r\nTransfer-Encoding: chunked\r\n\r\n`,
        `${(1536 * 1024).toString(16)}\r\n`,
        Buffer.alloc(1536 * 1024, 0x20),
      ],
      { waitMs: 5000 },
    );
  }
  // Every bridge method with malformed arguments, with the token, without it, and with a wrong one.
  const malformed = [
    '[]',
    '"x"',
    '42',
    'null',
    'true',
    '{',
    '{"a":1',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    JSON.stringify({ sessionId: 5 }),
    JSON.stringify({ sessionId, mg: 'lots', booster: 'no', author: 7 }),
    JSON.stringify({ sessionId, occurredAt: -1, author: '' }),
    JSON.stringify({ sessionId: '00000000-0000-0000-0000-000000000000', unknown: 1 }),
    JSON.stringify({ x: 'y'.repeat(200_000) }),
    '\u0000',
    '{"sessionId":"\u0000"}',
  ];
  const tokens: Record<string, string>[] = [keyed(), {}, { [o.tokenHeader]: 'f'.repeat(48) }];
  for (const method of [...o.methods, 'noSuchMethod', '__proto__', 'constructor', 'toString']) {
    for (const body of malformed) {
      for (const t of tokens)
        add([request('POST', o.callPath(method), { ...t, 'Content-Type': 'application/json' }, body)]);
    }
  }
  return { cases, mayWait };
}
