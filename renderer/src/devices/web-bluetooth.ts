import {
  BLOOD_PRESSURE_MEASUREMENT,
  BLOOD_PRESSURE_SERVICE,
  parseBloodPressure,
  parseContinuous,
  parseSpotCheck,
  PLX_CONTINUOUS_MEASUREMENT,
  PLX_SPOT_CHECK_MEASUREMENT,
  PULSE_OXIMETER_SERVICE,
  type Parsed,
} from '@core/pure/observations/bluetooth';

/** The few Web Bluetooth types the adapter uses (TypeScript's DOM library does not carry them). */
interface GattCharacteristic extends EventTarget {
  readonly value?: DataView;
  startNotifications(): Promise<GattCharacteristic>;
}
interface GattService {
  getCharacteristic(uuid: number): Promise<GattCharacteristic>;
}
interface GattServer {
  connect(): Promise<GattServer>;
  disconnect(): void;
  getPrimaryService(uuid: number): Promise<GattService>;
}
interface BluetoothDeviceLike {
  readonly name?: string;
  readonly gatt?: GattServer;
}
interface WebBluetooth {
  requestDevice(options: { filters: { services: number[] }[] }): Promise<BluetoothDeviceLike>;
}

export type BluetoothKind = 'cuff' | 'oximeter';

const PROFILES: Record<
  BluetoothKind,
  { service: number; characteristics: { uuid: number; parse: (v: DataView) => Parsed }[] }
> = {
  cuff: {
    service: BLOOD_PRESSURE_SERVICE,
    characteristics: [{ uuid: BLOOD_PRESSURE_MEASUREMENT, parse: parseBloodPressure }],
  },
  oximeter: {
    service: PULSE_OXIMETER_SERVICE,
    characteristics: [
      { uuid: PLX_SPOT_CHECK_MEASUREMENT, parse: parseSpotCheck },
      { uuid: PLX_CONTINUOUS_MEASUREMENT, parse: parseContinuous },
    ],
  },
};

export const webBluetooth = (): WebBluetooth | null =>
  (navigator as Navigator & { bluetooth?: WebBluetooth }).bluetooth ?? null;

/**
 * Connects to a cuff or oximeter the person recording chooses (the app shows its own dialog) and hands each measurement,
 * parsed, to `onReading`; returns a function that disconnects.
 */
export async function connectBluetooth(
  kind: BluetoothKind,
  onReading: (deviceName: string, parsed: Parsed) => void,
): Promise<() => void> {
  const bluetooth = webBluetooth();
  if (!bluetooth)
    throw new Error('This computer cannot reach Bluetooth devices from the room. Type the reading instead.');
  const profile = PROFILES[kind];
  const device = await bluetooth.requestDevice({ filters: [{ services: [profile.service] }] });
  if (!device.gatt)
    throw new Error('That device does not offer its measurements. Choose another, or type the reading.');
  const server = await device.gatt.connect();
  const service = await server.getPrimaryService(profile.service);
  const name = device.name?.trim() || (kind === 'cuff' ? 'Bluetooth cuff' : 'Bluetooth oximeter');
  let listening = 0;
  for (const c of profile.characteristics) {
    const characteristic = await service.getCharacteristic(c.uuid).catch(() => null);
    if (!characteristic) continue;
    characteristic.addEventListener('characteristicvaluechanged', () => {
      if (characteristic.value) onReading(name, c.parse(characteristic.value));
    });
    await characteristic.startNotifications();
    listening++;
  }
  if (listening === 0) {
    server.disconnect();
    throw new Error('That device sends no measurement the room reads. Choose another, or type the reading.');
  }
  return () => server.disconnect();
}
