import type { RoomApi } from '../room-api';
import type { BluetoothCandidate } from './view';

/**
 * The room's own device dialog for Web Bluetooth: the shell offers what it found (and how to answer), the page shows the
 * list and the person recording chooses one, or none. No Electron here: the shell passes plain data and a callback.
 */
export class BluetoothChooser {
  private answer: ((deviceId: string | null) => void) | null = null;

  constructor(private readonly room: RoomApi) {}

  /** Called again as more devices are found: the latest list and answer replace the earlier ones. */
  offer(devices: BluetoothCandidate[], answer: (deviceId: string | null) => void): void {
    this.answer = answer;
    this.room.push('bluetooth-devices', { devices });
  }

  choose(deviceId: string | null): void {
    const answer = this.answer;
    this.answer = null;
    answer?.(deviceId);
    this.room.push('bluetooth-devices', { devices: [] });
  }
}

const choosers = new WeakMap<RoomApi, BluetoothChooser>();
export function bluetoothChooserOf(room: RoomApi): BluetoothChooser {
  let chooser = choosers.get(room);
  if (!chooser) choosers.set(room, (chooser = new BluetoothChooser(room)));
  return chooser;
}
