import type { MethodName } from '../contract/channels';
import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { restoreBackup } from './recovery';

/** What a room showing a backup read-only still does: reading, the admin's door, and the restore itself. */
const WHILE_READ_ONLY = new Set<MethodName>([
  'getRoom',
  'getSession',
  'listSessions',
  'listRemsForms',
  'listMusicSets',
  'exportSession',
  'saveReportPdf',
  'getAdminStatus',
  'setAdminPin',
  'unlockAdmin',
  'lockAdmin',
  'getAdminSettings',
  'getMusicAdmin',
  'getAudioImport',
  'getRecovery',
  'restoreBackup',
  'getRescueCheck',
  'listFollowUps',
  'getPatientCourse',
  'getMusicCounts',
  'getMonitor',
]);

export function recoveryHandlers(room: RoomApi): Pick<Handlers, 'getRecovery' | 'restoreBackup'> {
  return {
    getRecovery: () => room.recovery?.view ?? null,
    restoreBackup: ({ adminKey }) => {
      const recovery = room.recovery;
      const backup = recovery?.view.backup;
      if (!recovery || !backup)
        throw new RoomError('no_backup', "There is no backup to restore: the room's records are in use as they are.");
      if (recovery.view.restored) return recovery.view;
      if (room.admin.status().pinSet) room.admin.require(adminKey);
      restoreBackup(recovery.dataDir, backup);
      recovery.view = {
        ...recovery.view,
        restored: true,
        message: "The backup is restored as the room's records. Start the room again to go on recording.",
      };
      return recovery.view;
    },
  };
}

/** Refuses, with the recovery's sentence, every method that would write while the room shows a backup read-only. */
export function refuseWritesWhileReadOnly(room: RoomApi): void {
  const handlers = room.handlers as Record<MethodName, unknown>;
  for (const method of Object.keys(handlers) as MethodName[]) {
    if (WHILE_READ_ONLY.has(method)) continue;
    handlers[method] = () => {
      throw new RoomError(
        'read_only_backup',
        room.recovery?.view.message ?? 'The room is showing a backup read-only. Ask the clinic admin to restore it.',
      );
    };
  }
}
