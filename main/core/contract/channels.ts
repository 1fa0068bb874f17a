/** The bridge's method names and push channels, as plain data (the preload needs nothing more). */
export const METHODS = [
  'getRoom',
  'completeSetup',
  'switchRecorder',
  'changeOwnPin',
  'getStaffAdmin',
  'saveStaffMember',
  'removeStaffMember',
  'startSession',
  'getSession',
  'confirmTime',
  'recordDose',
  'addMark',
  'listSessions',
  'recordObservation',
  'recordVitals',
  'recordScore',
  'recordCheckIn',
  'acknowledgeAlert',
  'amendEntry',
  'listMusicSets',
  'answerChecklist',
  'recordDriver',
  'confirmDriver',
  'attest',
  'answerRems',
  'discharge',
  'recordLeftAgainstAdvice',
  'closeSession',
  'saveReportPdf',
  'exportSession',
  'recordMusicEvent',
  'saveMusicOutput',
  'getAdminStatus',
  'setAdminPin',
  'unlockAdmin',
  'lockAdmin',
  'getAdminSettings',
  'updateSettings',
  'getMusicAdmin',
  'startAudioImport',
  'getAudioImport',
  'saveMusicSet',
  'duplicateMusicSet',
  'deleteMusicSet',
  'exportMusicSet',
  'previewSetBundle',
  'importSetBundle',
  'getSyncState',
  'getClinicConnection',
  'setClinicConnection',
  'getRecovery',
  'restoreBackup',
] as const;
export type MethodName = (typeof METHODS)[number];

/** Main pushes to the renderer on these. */
export const PUSH_CHANNELS = ['session-event', 'music-import', 'sync-state'] as const;
export type PushChannel = (typeof PUSH_CHANNELS)[number];

/** IPC channel name for a method. */
export const ipcChannel = (method: MethodName) => `room:${method}`;
export const ipcPushChannel = (channel: PushChannel) => `room-push:${channel}`;
