import { describe, expect, it } from 'vitest';
import { tempDataDir } from '../support/host-process';
import { checkLog, kill9Round, readLog, seededRandom, sessionForKillRounds, type RoundSent } from '../support/kill9';

const ROUNDS = 20;

describe('crash safety: the host killed with SIGKILL while notes stream in', () => {
  it(`keeps every acknowledged note, once and in order, over ${ROUNDS} kills at random moments`, async () => {
    const seed = Number(process.env.KILL9_SEED ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const dataDir = tempDataDir('room-kill9-');
    const sessionId = await sessionForKillRounds(dataDir);
    const rounds: RoundSent[] = [];
    const clean = { lost: [], duplicated: [], outOfOrder: [], unknown: [], seqGaps: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const { sent, logAtStart } = await kill9Round({ dataDir, sessionId, round, random });
      // Restarted on the same data, the room has everything it acknowledged before the kill.
      const { acknowledged, ...problems } = checkLog(logAtStart, rounds);
      expect(problems, `before round ${round} (seed ${seed}, KILL9_SEED=${seed} repeats it)`).toEqual(clean);
      expect(sent.refused, `round ${round} (seed ${seed})`).toEqual([]);
      rounds.push(sent);
      void acknowledged;
    }
    const { acknowledged, ...problems } = checkLog(await readLog(dataDir, sessionId), rounds);
    expect(problems, `after the last round (seed ${seed})`).toEqual(clean);
    // The kills fell while notes were streaming: most rounds had notes acknowledged and one in flight.
    expect(acknowledged).toBeGreaterThan(ROUNDS);
    expect(rounds.filter((r) => r.unanswered.length > 0).length).toBeGreaterThan(ROUNDS / 2);
  });
});
