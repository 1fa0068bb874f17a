import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../main/core/session/events';
import { checkLog, type RoundSent } from '../support/kill9';

const note = (seq: number, text: string) =>
  ({
    sessionId: 's',
    seq,
    kind: 'observation',
    occurredAt: seq,
    recordedAt: seq,
    author: 'W',
    payload: { text, tags: [] },
  }) as StoredEvent;
const log = (...texts: string[]) => [
  { sessionId: 's', seq: 1, kind: 'check_in', occurredAt: 0, recordedAt: 0, author: 'W', payload: {} } as StoredEvent,
  ...texts.map((t, i) => note(i + 2, t)),
];
const round: RoundSent = { acknowledged: [['r0-w0-0', 'r0-w0-1'], ['r0-w1-0']], unanswered: ['r0-w0-2'], refused: [] };

/** The crash-safety check itself: it must notice each way a log can be wrong. */
describe('checking the log after kills', () => {
  it('passes a log with every acknowledged note once, in order, an in-flight one kept or not', () => {
    expect(checkLog(log('r0-w0-0', 'r0-w1-0', 'r0-w0-1'), [round])).toMatchObject({
      acknowledged: 3,
      lost: [],
      duplicated: [],
      outOfOrder: [],
      unknown: [],
      seqGaps: 0,
    });
    expect(checkLog(log('r0-w0-0', 'r0-w1-0', 'r0-w0-1', 'r0-w0-2'), [round]).unknown).toEqual([]);
  });

  it('finds a lost, a duplicated, a reordered and an unknown note, and a gap in the sequence', () => {
    expect(checkLog(log('r0-w0-0', 'r0-w1-0'), [round]).lost).toEqual(['r0-w0-1']);
    expect(checkLog(log('r0-w0-0', 'r0-w1-0', 'r0-w0-1', 'r0-w1-0'), [round]).duplicated).toEqual(['r0-w1-0']);
    expect(checkLog(log('r0-w0-1', 'r0-w1-0', 'r0-w0-0'), [round]).outOfOrder).toEqual(['r0-w0-0']);
    expect(checkLog(log('r0-w0-0', 'r0-w1-0', 'r0-w0-1', 'r0-w0-7'), [round]).unknown).toEqual(['r0-w0-7']);
    const next: RoundSent = { acknowledged: [['r1-w0-0'], []], unanswered: [], refused: [] };
    expect(checkLog(log('r0-w0-0', 'r1-w0-0', 'r0-w1-0', 'r0-w0-1'), [round, next]).outOfOrder).toEqual(['r0-w1-0']);
    const gap = log('r0-w0-0', 'r0-w1-0', 'r0-w0-1');
    gap[2] = { ...gap[2]!, seq: 9 };
    expect(checkLog(gap, [round]).seqGaps).toBeGreaterThan(0);
  });
});
