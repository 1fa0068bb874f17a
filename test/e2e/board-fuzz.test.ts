import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoardProcess } from '../support/board-process';
import { throwawayCluster, type ThrowawayCluster } from '../support/clinic-db';
import { fuzzCorpus, raw, request, runAll } from '../support/fuzz';

/**
 * The chair board survives any request, as the room's host does: the same corpus of malformed traffic over raw
 * sockets (the board's own paths in place of the bridge's methods), then the same process still answers.
 */
describe('the chair board under malformed traffic', () => {
  let cluster: ThrowawayCluster;
  let board: Awaited<ReturnType<typeof startBoardProcess>>;
  beforeAll(async () => {
    cluster = await throwawayCluster();
    board = await startBoardProcess(['--db', cluster.ownerAddress, '--password-file', cluster.passwordFile]);
  });
  afterAll(async () => {
    await board?.stop();
    await cluster?.destroy();
  });

  it('answers or closes every malformed request, `//` included, never with a 5xx, and keeps running', async () => {
    const port = Number(new URL(board.origin).port);
    expect(await raw(port, [request('GET', '//', {})])).toMatchObject({ kind: 'answered' });
    const { cases, mayWait } = fuzzCorpus({
      port,
      token: board.token,
      tokenHeader: 'X-Board-Token',
      methods: ['tiles', 'stream', 'health'],
      callPath: (m) => `/api/${m}`,
      sessionId: 'none',
    });
    expect(cases.length).toBeGreaterThanOrEqual(500);
    const outcomes = await runAll(cases);
    expect(outcomes.map((o, i) => (o.kind === 'gave-up' && !mayWait.has(i) ? i : -1)).filter((i) => i >= 0)).toEqual(
      [],
    );
    expect(outcomes.filter((o) => o.kind === 'answered' && o.status >= 500)).toEqual([]);
    expect(board.child.exitCode).toBeNull();
    // Still the board: the health line says only ok, and the key still opens the tiles.
    expect(await (await fetch(`${board.origin}/health`)).json()).toEqual({ ok: true });
    expect((await fetch(`${board.origin}/api/tiles?token=${board.token}`)).status).toBe(200);
    // A page from another name (a rebound DNS name) is refused.
    expect(
      await raw(port, [
        `GET /api/tiles?token=${board.token} HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`,
      ]),
    ).toEqual({ kind: 'answered', status: 403 });
  }, 240_000);
});
