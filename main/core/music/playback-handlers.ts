import type { Handlers, RoomApi } from '../room-api';

/** The player's record of what it did (one session event of kind 'music' each), and the output it plays to. */
export function playbackHandlers(room: RoomApi): Pick<Handlers, 'recordMusicEvent' | 'saveMusicOutput'> {
  return {
    recordMusicEvent: ({ sessionId, occurredAt, author, ...payload }) => {
      room.state(sessionId);
      const at = room.clinicalTime(occurredAt, 'music');
      // The player's own log line: whoever is recording when it happened.
      return room.record(sessionId, { kind: 'music', occurredAt: at, ...room.recordingAuthor(author, true), payload });
    },

    /** Remembers the audio output for the room (the patient's headphones or the room speaker). */
    saveMusicOutput: ({ deviceId, label }) => {
      const music = room.settings.get().music;
      return room.settings.update({ music: { ...music, outputDeviceId: deviceId, outputDeviceLabel: label } });
    },
  };
}
