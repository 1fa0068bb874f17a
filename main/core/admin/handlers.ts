import type { Handlers, RoomApi } from '../room-api';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { zonedDate } from '../pure/clinic-time';
import { RoomError } from '../pure/errors';
import { stampChanges } from '../settings/changes';
import { sourcesWithChanges } from '../settings/sources';
import { monitorOf } from '../monitor/listener';

/** The admin door and the room's settings, behind it. */
export function adminHandlers(
  room: RoomApi,
): Pick<
  Handlers,
  'getAdminStatus' | 'setAdminPin' | 'unlockAdmin' | 'lockAdmin' | 'getAdminSettings' | 'updateSettings'
> {
  const adminSettings = () => {
    const settings = room.settings.get();
    const date = (t: number) => zonedDate(t, settings.clinicTimeZone);
    return {
      settings,
      defaults: DEFAULT_SETTINGS,
      sources: sourcesWithChanges(settings.sourceChanges, date),
      problem: room.settings.problem,
    };
  };
  return {
    getAdminStatus: () => room.admin.status(),
    setAdminPin: ({ pin, adminKey }) => room.admin.setPin(pin, adminKey),
    unlockAdmin: ({ pin }) => room.admin.unlock(pin),
    lockAdmin: ({ adminKey }) => {
      room.admin.lock(adminKey);
      return null;
    },
    getAdminSettings: ({ adminKey }) => {
      room.admin.require(adminKey);
      return adminSettings();
    },
    updateSettings: ({ adminKey, patch, changedBy }) => {
      room.admin.require(adminKey);
      // The change record is the room's to keep: a patch cannot write it.
      const { sourceChanges: _ignored, ...values } = patch as Partial<Settings>;
      // People and their PINs go together: the staff list changes only through its own methods, each in the staff log.
      if ('staff' in values)
        throw new RoomError(
          'staff_elsewhere',
          'The staff list is changed under Admin, Staff, where each person gets their PIN.',
        );
      const before = room.settings.get();
      const next = room.settings.validate(values);
      room.settings.update({
        ...values,
        sourceChanges: stampChanges(
          before,
          next,
          DEFAULT_SETTINGS,
          changedBy ?? 'an admin who gave no name',
          room.clock.now(),
        ),
      });
      // The monitor listener follows its settings at once: turned on or off, moved, or its allowlist changed.
      if ('monitor' in values) void monitorOf(room)?.restart();
      return adminSettings();
    },
  };
}
