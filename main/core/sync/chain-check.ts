import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import { eventDigest } from '../session/chain';

/** An event as the clinic database holds it, with its chain, read for checking (numbers as PostgreSQL writes them). */
export interface ClinicChainRow {
  room: string;
  session_id: string;
  seq: number;
  kind: string;
  occurred_at: string;
  recorded_at: string;
  author: string;
  author_role: string | null;
  payload: unknown;
  payload_text: string | null;
  prev_digest: string | null;
  digest: string | null;
  arrival: string;
}

/** The first broken link of a room's chain: which event, and the sentence saying what is wrong. */
export interface ChainBreak {
  room: string;
  sessionId: string;
  seq: number;
  kind: string;
  /** What is wrong, naming the event ("event 3 (check_in) of session 1b2c3d4e was changed after ..."). */
  detail: string;
  /** The same, naming the room first: what clinic-db --verify prints. */
  sentence: string;
}

/** One room's chain as checked: its events, how many came before its chain started (no digest), its first break. */
export interface RoomChain {
  room: string;
  events: number;
  beforeChain: number;
  broken: ChainBreak | null;
}

/** "event 12 (vitals_recorded) of session 1b2c3d4e": how a sentence names an event. */
const eventName = (row: ClinicChainRow) => `event ${row.seq} (${row.kind}) of session ${row.session_id.slice(0, 8)}`;

/**
 * Walks each room's events in arrival order, as the clinic database received them, and keeps the first broken link of
 * each room: an event whose contents no longer match its digest (changed after it was recorded), whose payload is not
 * the text its digest covers (changed after it arrived), whose link is not the digest of the room's event before it
 * (an event before it removed, changed or slipped in), or that has no digest once the room's chain had started. The
 * digests are recomputed here, not taken from the database's own function. Rows of a room must come in arrival order.
 */
export class ChainWalker {
  private readonly rooms = new Map<string, RoomChain & { last: string | null }>();

  take(row: ClinicChainRow): void {
    let room = this.rooms.get(row.room);
    if (!room)
      this.rooms.set(row.room, (room = { room: row.room, events: 0, beforeChain: 0, broken: null, last: null }));
    room.events++;
    if (room.broken) return;
    const problem = this.problem(row, room.last);
    if (problem) {
      const detail = `${eventName(row)} ${problem}`;
      room.broken = {
        room: row.room,
        sessionId: row.session_id,
        seq: row.seq,
        kind: row.kind,
        detail,
        sentence: `Room "${row.room}": ${detail}`,
      };
      return;
    }
    if (row.digest === null) room.beforeChain++;
    else room.last = row.digest;
  }

  private problem(row: ClinicChainRow, last: string | null): string | null {
    if (row.digest === null) {
      return last === null
        ? null
        : "has no digest, though the room's chain had started before it: it was slipped in, or its digest removed, after the chain began.";
    }
    if (row.payload_text === null) return 'has a digest but not the text it covers: it was changed after it arrived.';
    const recomputed = eventDigest(row.prev_digest, { ...row, payload: row.payload_text });
    if (recomputed !== row.digest) return 'was changed after it was recorded: its contents no longer match its digest.';
    let written: unknown;
    try {
      written = JSON.parse(row.payload_text);
    } catch {
      return 'was changed after it was recorded: the text its digest covers is not the payload the room wrote.';
    }
    if (!isDeepStrictEqual(written, row.payload))
      return 'was changed after it arrived: its payload is no longer the one its digest covers.';
    if (last !== null && row.prev_digest !== last) {
      return "does not follow the room's event before it: an event before it was removed, changed or slipped in.";
    }
    return null;
  }

  /** Every room seen, by name. */
  results(): RoomChain[] {
    return [...this.rooms.values()]
      .map(({ last: _last, ...chain }) => chain)
      .sort((a, b) => a.room.localeCompare(b.room));
  }
}

const PAGE = 2_000;

/** Reads every room's events in arrival order, a page at a time, and checks each room's chain. */
export async function checkClinicChains(
  client: Pick<pg.ClientBase, 'query'>,
  options: { pageSize?: number } = {},
): Promise<RoomChain[]> {
  const walker = new ChainWalker();
  const pageSize = options.pageSize ?? PAGE;
  let after: [string, string] | null = null;
  for (;;) {
    const where: string = after ? 'WHERE (e.room, e.arrival) > ($2, $3::bigint)' : '';
    // Ordered by the column (a number), not by the text it is read as.
    const page: pg.QueryResult<ClinicChainRow> = await client.query<ClinicChainRow>(
      `SELECT e.room, e.session_id, e.seq, e.kind, e.occurred_at::text AS occurred_at, e.recorded_at::text AS recorded_at, e.author, e.author_role,
         e.payload, e.payload_text, e.prev_digest, e.digest, e.arrival::text AS arrival
       FROM events e ${where} ORDER BY e.room, e.arrival LIMIT $1`,
      after ? [pageSize, ...after] : [pageSize],
    );
    for (const row of page.rows) walker.take(row);
    const last: ClinicChainRow | undefined = page.rows[page.rows.length - 1];
    if (!last || page.rows.length < pageSize) break;
    after = [last.room, last.arrival];
  }
  return walker.results();
}

/** What `clinic-db --verify` prints: the first broken link of each room, or that every chain is intact. */
export function chainReport(chains: readonly RoomChain[]): { intact: boolean; lines: string[] } {
  const broken = chains.filter((c) => c.broken);
  if (broken.length > 0) {
    return {
      intact: false,
      lines: [
        ...broken.map((c) => c.broken!.sentence),
        `${broken.length} of ${chains.length} room${chains.length === 1 ? '' : 's'} with a broken chain: the clinic's copy of ${broken.length === 1 ? 'that room' : 'those rooms'} was changed after it arrived. Compare it with the room's own record.`,
      ],
    };
  }
  const events = chains.reduce((n, c) => n + c.events, 0);
  const before = chains.reduce((n, c) => n + c.beforeChain, 0);
  return {
    intact: true,
    lines: [
      `Every chain intact: ${chains.length} room${chains.length === 1 ? '' : 's'}, ${events} event${events === 1 ? '' : 's'} checked` +
        (before ? ` (${before} from before the chain, sent by an older version without digests).` : '.'),
    ],
  };
}
