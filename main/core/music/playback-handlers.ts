import type { Handlers, Room } from '../room';

/** The player's record of what it did: one session event of kind 'music' each. */
export function playbackHandlers(room: Room): Pick<Handlers, 'recordMusicEvent'> {
  return {
    recordMusicEvent: ({ sessionId, occurredAt, author, ...payload }) => {
      room.state(sessionId);
      const at = room.clinicalTime(occurredAt, 'music');
      return room.record(sessionId, { kind: 'music', occurredAt: at, author, payload });
    },
  };
}
