import type { Handlers, Room } from '../room';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { SETTINGS_SOURCES } from '../settings/sources';

/** The admin door and the room's settings, behind it. */
export function adminHandlers(room: Room): Pick<Handlers, 'getAdminStatus' | 'setAdminPin' | 'unlockAdmin' | 'lockAdmin' | 'getAdminSettings' | 'updateSettings'> {
  const adminSettings = () => ({ settings: room.settings.get(), defaults: DEFAULT_SETTINGS, sources: SETTINGS_SOURCES, problem: room.settings.problem });
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
    updateSettings: ({ adminKey, patch }) => {
      room.admin.require(adminKey);
      room.settings.update(patch as Partial<Settings>);
      return adminSettings();
    },
  };
}
