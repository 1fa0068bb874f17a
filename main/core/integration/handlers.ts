import { RoomError } from '../pure/errors';
import { foldSession, type MusicRecord } from '../pure/session/fold';
import { approvalRefusal } from '../pure/report/integration';
import { patientCourse } from '../pure/report/course';
import { musicCounts } from '../pure/report/music-counts';
import type { Handlers, RoomApi } from '../room-api';
import type { Payload } from '../session/events';

type IntegrationMethods =
  'recordIntention' | 'recordIntegrationMoment' | 'approveIntegrationSummary' | 'getPatientCourse' | 'getMusicCounts';

/** Every session of one patient (the reference exactly, whatever its case), oldest first, folded. */
export function patientStates(room: RoomApi, patientRef: string) {
  const ids = room.db
    .prepare('SELECT id FROM sessions WHERE patient_ref = ? COLLATE NOCASE ORDER BY created_at')
    .all(patientRef.trim()) as { id: string }[];
  return ids.flatMap(({ id }) => {
    const state = foldSession(room.sessions.events(id));
    return state ? [state] : [];
  });
}

/** What the session leaves for the integration session, the course across sessions, and what the music did. */
export function integrationHandlers(room: RoomApi): Pick<Handlers, IntegrationMethods> {
  return {
    recordIntention: (args) => {
      room.state(args.sessionId);
      return room.record(args.sessionId, {
        kind: 'integration_intention',
        occurredAt: room.clock.now(),
        ...room.recordingAuthor(args.author),
        payload: { text: args.text },
      });
    },

    recordIntegrationMoment: (args) => {
      const state = room.state(args.sessionId);
      if (!state.doses.length)
        throw new RoomError(
          'not_dosed',
          'A moment for integration is marked during the medicine session: record the dose first, or write a note.',
        );
      const at = room.clinicalTime(args.occurredAt, 'moment');
      return room.record(args.sessionId, {
        kind: 'integration_moment',
        occurredAt: at,
        ...room.recordingAuthor(args.author),
        payload: args.quote ? { quote: args.quote } : {},
      });
    },

    approveIntegrationSummary: async (args) => {
      room.state(args.sessionId);
      const signature = await room.sign(
        args,
        'approveIntegrationSummary',
        'approved the integration summary to be given to the patient',
        'Approving the integration summary',
      );
      // The rules read the record as it is after the PIN.
      const state = room.state(args.sessionId);
      const refusal = approvalRefusal(state, args.leftOut);
      if (refusal) throw new RoomError('not_ready', refusal);
      const leftOut = [...new Set(args.leftOut)].sort((a, b) => a - b);
      const payload: Payload<'integration_approved'> = {
        leftOut,
        ...(args.note ? { note: args.note } : {}),
        signature: {
          ...signature,
          meaning: `${signature.meaning}${leftOut.length ? ` (${leftOut.length} moment${leftOut.length === 1 ? '' : 's'} left out)` : ''}`,
        },
      };
      return room.record(args.sessionId, {
        kind: 'integration_approved',
        occurredAt: room.clock.now(),
        author: signature.name,
        authorRole: signature.role,
        payload,
      });
    },

    getPatientCourse: ({ patientRef }) => {
      const rows = patientCourse(patientStates(room, patientRef));
      if (!rows.length)
        throw new RoomError(
          'no_such_patient',
          `No session in this room has the patient reference "${patientRef.trim()}": check the chart ID or initials.`,
        );
      return rows;
    },

    getMusicCounts: ({ adminKey }) => {
      room.admin.require(adminKey);
      const rows = room.db
        .prepare(
          "SELECT session_id, seq, occurred_at, recorded_at, author, payload FROM events WHERE kind = 'music' ORDER BY session_id, seq",
        )
        .all() as {
        session_id: string;
        seq: number;
        occurred_at: number;
        recorded_at: number;
        author: string;
        payload: string;
      }[];
      const logs = new Map<string, MusicRecord[]>();
      for (const r of rows) {
        const log = logs.get(r.session_id) ?? [];
        log.push({
          seq: r.seq,
          kind: 'music',
          at: r.occurred_at,
          recordedAt: r.recorded_at,
          author: r.author,
          payload: JSON.parse(r.payload) as Payload<'music'>,
        });
        logs.set(r.session_id, log);
      }
      return musicCounts([...logs.values()]);
    },
  };
}
