import type { RoomInfo } from './contract/contract';
import type { RoomApi } from './room-api';

/** What the screen needs to draw the room: its settings, the staff (never a PIN), who is recording, the session open. */
export function roomInfo(room: RoomApi): RoomInfo {
  const settings = room.settings.get();
  const recorder = room.staff.recorder();
  const since = room.staff.recorderSince();
  return {
    roomName: settings.roomName,
    settings,
    settingsProblem: room.settings.problem,
    staff: room.staff.views(),
    recorder: recorder ? { name: recorder.name, role: recorder.role, since } : null,
    setupNeeded: !room.admin.status().pinSet && !room.staff.hasClinician(),
    activeSessionId: room.activeSessionId(),
    now: room.clock.now(),
  };
}
