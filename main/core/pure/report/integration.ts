import { zonedClock, zonedDate } from '../clinic-time';
import type { MusicRecord, SessionState } from '../session/fold';
import type { IntegrationApproval } from '../integration/state';

/**
 * The integration summary: what the patient takes to the integration session. Only the intention, the arc in plain
 * words, the moments marked for integration with their quotes and the music playing then, and the therapist's note:
 * no vitals, alerts or scores. It leaves the room (print, PDF) only once a therapist has approved it, signed.
 */

export interface MusicAtMoment {
  title: string;
  artist: string | null;
}

export interface SummaryMoment {
  seq: number;
  at: number;
  /** "10:42" in the clinic's zone. */
  clock: string;
  /** Minutes from the first dose; null before it. */
  sinceDoseMin: number | null;
  quote: string | null;
  /** The track playing then (title and artist from the set); null when no music was playing. */
  music: MusicAtMoment | null;
  /** The therapist left this moment out of the summary given to the patient. */
  leftOut: boolean;
}

export interface IntegrationSummary {
  sessionId: string;
  patientRef: string;
  /** "2026-12-04", the session's date in the clinic's zone. */
  date: string;
  intention: string | null;
  /** The arc of the session in plain words, one sentence each: when it began, the peak, the return, the end. */
  arc: string[];
  moments: SummaryMoment[];
  /** The therapist's words for the integration session, from the approval. */
  note: string | null;
  /** The approval that stands (the latest); null until a therapist approves. */
  approval: IntegrationApproval | null;
  /** The session is closed: the summary can be approved. */
  closed: boolean;
}

/** The track that was playing at `at`: the last one started before it, unless the music was paused, quieted or stopped since. */
export function musicAt(music: readonly MusicRecord[], at: number): MusicAtMoment | null {
  let playing: MusicAtMoment | null = null;
  for (const m of music) {
    if (m.at > at) break;
    const p = m.payload;
    if (p.action === 'start' || p.action === 'resume' || p.action === 'quiet_off') {
      if (p.action === 'start') playing = p.title ? { title: p.title, artist: p.artist ?? null } : null;
      else if (lastStarted(music, m.at)) playing = lastStarted(music, m.at);
    } else if (p.action === 'pause' || p.action === 'quiet') {
      playing = null;
    }
  }
  return playing;
}

function lastStarted(music: readonly MusicRecord[], before: number): MusicAtMoment | null {
  for (let i = music.length - 1; i >= 0; i--) {
    const p = music[i]!.payload;
    if (music[i]!.at <= before && p.action === 'start' && p.title) return { title: p.title, artist: p.artist ?? null };
  }
  return null;
}

const minutesText = (min: number) => (min === 1 ? '1 minute' : `${min} minutes`);

/** The arc in plain words, for the patient: no numbers but the clock and the minutes since the medicine. */
export function arcSentences(state: SessionState, zone: string): string[] {
  const clock = (t: number) => zonedClock(t, zone);
  const first = state.doses[0];
  if (!first) return ['No medicine was given in this session.'];
  const since = (t: number) => minutesText(Math.max(0, Math.round((t - first.at) / 60_000)));
  const lines = [`The medicine began at ${clock(first.at)}.`];
  const boosters = state.doses.filter((d) => d.booster);
  if (boosters.length)
    lines.push(
      `${boosters.length === 1 ? 'A further dose was' : `${boosters.length} further doses were`} given at ${boosters.map((b) => clock(b.at)).join(', ')}.`,
    );
  const peak = state.marks.find((m) => m.kind === 'peak_reached');
  if (peak) lines.push(`The peak of the experience came at ${clock(peak.at)}, ${since(peak.at)} in.`);
  const returning = state.marks.find((m) => m.kind === 'returning');
  if (returning) lines.push(`The return began at ${clock(returning.at)}, ${since(returning.at)} in.`);
  const closed = state.discharge.closed;
  if (closed) lines.push(`The session ended at ${clock(closed.at)}.`);
  return lines;
}

export function integrationSummary(state: SessionState, zone: string): IntegrationSummary {
  const approval = state.integration.approvals.at(-1) ?? null;
  const leftOut = new Set(approval?.leftOut ?? []);
  const firstDose = state.doses[0]?.at ?? null;
  return {
    sessionId: state.id,
    patientRef: state.patientRef,
    date: zonedDate(state.startedAt, zone),
    intention: state.integration.intention?.text ?? null,
    arc: arcSentences(state, zone),
    moments: state.integration.moments.map((m) => ({
      seq: m.seq,
      at: m.at,
      clock: zonedClock(m.at, zone),
      sinceDoseMin: firstDose !== null && m.at >= firstDose ? Math.round((m.at - firstDose) / 60_000) : null,
      quote: m.quote,
      music: musicAt(state.music, m.at),
      leftOut: leftOut.has(m.seq),
    })),
    note: approval?.note ?? null,
    approval,
    closed: state.discharge.closed !== null,
  };
}

/** Why the summary cannot be approved yet, as a sentence; null when it can. */
export function approvalRefusal(state: SessionState, leftOut: readonly number[]): string | null {
  if (!state.discharge.closed)
    return 'The integration summary is approved once the session is closed: close the session, then review and approve it.';
  const seqs = new Set(state.integration.moments.map((m) => m.seq));
  const unknown = leftOut.find((s) => !seqs.has(s));
  if (unknown !== undefined)
    return "A moment chosen to leave out is not one of this session's moments for integration: reload the summary and choose again.";
  return null;
}
