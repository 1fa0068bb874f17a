import type { StoredEvent } from '../../main/core/session/events';
import { startHostProcess, type HostProcess } from './host-process';

/** A small seeded generator (mulberry32), so a failing round can be run again from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the streams sent in one round: per stream, in sending order, the notes the room answered ok. */
export interface RoundSent {
  acknowledged: string[][];
  /** Notes sent whose answer never came (the kill fell while they were in flight): may or may not be kept. */
  unanswered: string[];
  /** Answers that were not ok: the room refused a valid note, which is itself a failure. */
  refused: string[];
}

/**
 * One round: starts the host on the data folder, streams notes into the session through the HTTP bridge
 * from a few concurrent writers, and kills the process with SIGKILL after a random delay.
 */
export async function kill9Round(options: {
  dataDir: string;
  sessionId: string;
  round: number;
  random: () => number;
  streams?: number;
  maxDelayMs?: number;
}): Promise<{ sent: RoundSent; logAtStart: StoredEvent[] }> {
  const host = await startHostProcess(options.dataDir, { testClock: false });
  // What the restarted room has of the earlier rounds, read before this round writes.
  const logAtStart = (await host.value('getSession', { sessionId: options.sessionId })).events;
  const streams = options.streams ?? 3;
  const sent: RoundSent = { acknowledged: Array.from({ length: streams }, () => []), unanswered: [], refused: [] };
  let killed = false;
  const stream = async (k: number) => {
    for (let i = 0; !killed; i++) {
      const text = `r${options.round}-w${k}-${i}`;
      let env;
      try {
        env = await host.call('recordObservation', { sessionId: options.sessionId, content: { text }, author: 'Sam' }); // the writer is in the text: one person records, three screens' worth of notes
      } catch {
        sent.unanswered.push(text);
        return;
      }
      if (env.ok) sent.acknowledged[k]!.push(text);
      else sent.refused.push(`${text}: ${env.error.message}`);
    }
  };
  const writers = Array.from({ length: streams }, (_, k) => stream(k));
  await new Promise((resolve) => setTimeout(resolve, 5 + options.random() * (options.maxDelayMs ?? 150)));
  killed = true;
  await host.kill9();
  await Promise.all(writers);
  return { sent, logAtStart };
}

/** Starts a host on a fresh data folder, starts a session in it, and stops the host cleanly. */
export async function sessionForKillRounds(dataDir: string): Promise<string> {
  const host: HostProcess = await startHostProcess(dataDir, { testClock: false });
  try {
    const view = await host.value('startSession', {
      patientRef: 'KILL-9',
      presetId: 'im',
      plannedDoseMg: 60,
      therapist: 'Dr Kim',
      sitter: 'Sam',
    });
    return view.session.id;
  } finally {
    await host.stop();
  }
}

export interface LogCheck {
  acknowledged: number;
  lost: string[];
  duplicated: string[];
  outOfOrder: string[];
  unknown: string[];
  seqGaps: number;
}

/**
 * Checks the log after the rounds against what was acknowledged: every acknowledged note is there, once,
 * each writer's notes in the order it sent them, nothing that was never sent, and no gap in the sequence.
 */
export function checkLog(events: StoredEvent[], rounds: RoundSent[]): LogCheck {
  const texts = events.flatMap((e) => (e.kind === 'observation' && e.payload.text ? [e.payload.text] : []));
  const position = new Map<string, number>();
  const duplicated: string[] = [];
  texts.forEach((t, i) => (position.has(t) ? duplicated.push(t) : position.set(t, i)));
  const acknowledged = rounds.flatMap((r) => r.acknowledged.flat());
  const maybe = new Set(rounds.flatMap((r) => r.unanswered));
  const known = new Set([...acknowledged, ...maybe]);
  const outOfOrder: string[] = [];
  // Per writer, across rounds: the kept notes (acknowledged or in flight) appear in the order they were sent.
  const byWriter = new Map<string, string[]>();
  for (const t of texts) {
    const writer = t.replace(/-\d+$/, '');
    byWriter.set(writer, [...(byWriter.get(writer) ?? []), t]);
  }
  const roundOf = (t: string) => Number(/^r(\d+)-/.exec(t)?.[1]);
  for (let i = 1; i < texts.length; i++) if (roundOf(texts[i]!) < roundOf(texts[i - 1]!)) outOfOrder.push(texts[i]!);
  for (const [, kept] of byWriter) {
    for (let i = 1; i < kept.length; i++)
      if (Number(kept[i]!.split('-').at(-1)) <= Number(kept[i - 1]!.split('-').at(-1))) outOfOrder.push(kept[i]!);
  }
  return {
    acknowledged: acknowledged.length,
    lost: acknowledged.filter((t) => !position.has(t)),
    duplicated,
    outOfOrder,
    unknown: texts.filter((t) => !known.has(t)),
    seqGaps: events.filter((e, i) => e.seq !== i + 1).length,
  };
}

/** Reads the session's log from a host started on the data folder, then stops it. */
export async function readLog(dataDir: string, sessionId: string): Promise<StoredEvent[]> {
  const host = await startHostProcess(dataDir, { testClock: false });
  try {
    return (await host.value('getSession', { sessionId })).events;
  } finally {
    await host.stop();
  }
}
