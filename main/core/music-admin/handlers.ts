import type { Handlers, RoomApi } from '../room-api';
import { MusicAdmin } from './admin';

const admins = new WeakMap<RoomApi, MusicAdmin>();

/** The room's music admin, made on first use (the host and the shell give it their way of reaching files). */
export function musicAdminOf(room: RoomApi): MusicAdmin {
  let admin = admins.get(room);
  if (!admin) {
    admin = new MusicAdmin(room);
    admins.set(room, admin);
  }
  return admin;
}

type MusicAdminMethods =
  | 'getMusicAdmin'
  | 'startAudioImport'
  | 'getAudioImport'
  | 'saveMusicSet'
  | 'duplicateMusicSet'
  | 'deleteMusicSet'
  | 'exportMusicSet'
  | 'previewSetBundle'
  | 'importSetBundle';

/** The music admin's methods, each behind the admin PIN. */
export function musicAdminHandlers(room: RoomApi): Pick<Handlers, MusicAdminMethods> {
  const open = (adminKey: string) => {
    room.admin.require(adminKey);
    return musicAdminOf(room);
  };
  return {
    getMusicAdmin: ({ adminKey }) => open(adminKey).view(),
    startAudioImport: ({ adminKey, paths }) => open(adminKey).startImport(paths),
    getAudioImport: ({ adminKey, jobId }) => open(adminKey).importJob(jobId),
    saveMusicSet: ({ adminKey, set }) => open(adminKey).save(set),
    duplicateMusicSet: ({ adminKey, setId }) => open(adminKey).duplicate(setId),
    deleteMusicSet: ({ adminKey, setId }) => open(adminKey).remove(setId),
    exportMusicSet: ({ adminKey, setId }) => open(adminKey).exportSet(setId),
    previewSetBundle: ({ adminKey, path }) => open(adminKey).preview(path),
    importSetBundle: ({ adminKey, previewId, onConflict }) => open(adminKey).importPreviewed(previewId, onConflict),
  };
}
