import { RoomError } from '../pure/errors';
import type { Handlers, RoomApi } from '../room-api';
import { DEFAULT_MONITOR_SETTINGS } from './settings';
import type { MonitorView } from './view';
import { monitorOf } from './listener';
import { bluetoothChooserOf } from './bluetooth-chooser';

const OFF = (name: string): MonitorView => ({
  enabled: false,
  name,
  listening: null,
  problem: null,
  state: 'off',
  last: null,
  confirm: null,
  signalLostSince: null,
  counts: { recorded: 0, refused: 0, unknownObservations: 0, refusedConnections: 0 },
  lastRefusal: null,
});

export function monitorHandlers(
  room: RoomApi,
): Pick<Handlers, 'getMonitor' | 'confirmMonitor' | 'chooseBluetoothDevice'> {
  return {
    getMonitor: () =>
      monitorOf(room)?.view() ?? OFF(room.settings.get().monitor?.name ?? DEFAULT_MONITOR_SETTINGS.name),
    confirmMonitor: (args) => {
      const listener = monitorOf(room);
      if (!listener)
        throw new RoomError(
          'monitor_off',
          'The monitor listener is off in this room. An admin turns it on under Admin.',
        );
      room.state(args.sessionId);
      listener.feed.confirm(args.sessionId, room.recordingAuthor(args.author));
      return listener.view();
    },
    chooseBluetoothDevice: ({ deviceId }) => {
      bluetoothChooserOf(room).choose(deviceId);
      return null;
    },
  };
}
