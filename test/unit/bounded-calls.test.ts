import { afterEach, describe, expect, it } from 'vitest';
import { RequestLedger } from '../../main/core/bridge/request-ledger';
import type { Envelope } from '../../main/core/contract/contract';
import { boundedCall, stalledCalls } from '../../renderer/src/bridge/stalled-calls';

/** The app's IPC path: a call the room does not answer in time waits, listed as stalled; a retry with the same id is answered once. */

afterEach(() => {
  delete (globalThis as { __SESSION_ROOM_CALL_TIMEOUT_MS__?: number }).__SESSION_ROOM_CALL_TIMEOUT_MS__;
});

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('bounded bridge calls over IPC', () => {
  it('a stalled call is listed after the time limit, and its retry is written once whatever happened to the first', async () => {
    Object.assign(globalThis, { __SESSION_ROOM_CALL_TIMEOUT_MS__: 50 });
    const ledger = new RequestLedger();
    let writes = 0;
    let release!: () => void;
    const busy = new Promise<void>((resolve) => (release = resolve));
    // The main process, busy on the first call (a slow disk), as ipcMain.handle with the ledger would be.
    const invoke = (requestId: string) =>
      ledger.run(
        requestId,
        'addMark',
        { sessionId: 's1', mark: 'peak_reached', author: 'Sam' },
        async (): Promise<Envelope<unknown>> => {
          await busy;
          writes++;
          return { ok: true, value: { seq: writes } };
        },
      );
    const answer = boundedCall('addMark', (requestId) => invoke(requestId));
    await until(() => stalledCalls().length === 1);
    expect(stalledCalls()[0]!.method).toBe('addMark');
    stalledCalls()[0]!.retry();
    stalledCalls()[0]!.retry();
    release();
    expect(await answer).toEqual({ ok: true, value: { seq: 1 } });
    expect(writes).toBe(1);
    await until(() => stalledCalls().length === 0);
  });

  it('a room that answers late is heard without a retry: the answer is taken and the notice goes', async () => {
    Object.assign(globalThis, { __SESSION_ROOM_CALL_TIMEOUT_MS__: 50 });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const answer = boundedCall('recordVitals', async (): Promise<Envelope<unknown>> => {
      await slow;
      return { ok: true, value: 'saved' };
    });
    await until(() => stalledCalls().length === 1);
    release();
    expect(await answer).toEqual({ ok: true, value: 'saved' });
    await until(() => stalledCalls().length === 0);
  });

  it('different requests are each done; a reused id for another method is refused', async () => {
    const ledger = new RequestLedger();
    let writes = 0;
    const work = async (): Promise<Envelope<unknown>> => ({ ok: true, value: ++writes });
    await ledger.run('request-0001', 'addMark', { sessionId: 's1', mark: 'peak_reached', author: 'Sam' }, work);
    await ledger.run('request-0002', 'addMark', { sessionId: 's1', mark: 'peak_reached', author: 'Sam' }, work);
    expect(writes).toBe(2);
    expect(
      await ledger.run('request-0001', 'recordVitals', { sessionId: 's1', mark: 'peak_reached', author: 'Sam' }, work),
    ).toMatchObject({ ok: false, error: { code: 'request_reused' } });
    expect(writes).toBe(2);
  });
});
