import { METHODS, PUSH_CHANNELS, type PushChannel } from '../../../preload/channels';
import type { Envelope, PushPayloads, RoomBridge } from '../../../preload/contract';

const TOKEN_KEY = 'session-room-token';

/** Reads the access key from the address the browser host printed, keeps it for reloads, and hides it. */
export function takeToken(): string | null {
  const match = /(?:^|[#&])token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The bridge over the browser host: the same methods and pushes as the Electron preload, over loopback HTTP. */
export function createHttpBridge(token: string): RoomBridge {
  const listeners = new Map<PushChannel, Set<(payload: never) => void>>();
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  for (const channel of PUSH_CHANNELS) {
    source.addEventListener(channel, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as never;
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  }
  const call = async (method: string, args: unknown): Promise<Envelope<unknown>> => {
    try {
      const res = await fetch(`/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Room-Token': token },
        body: JSON.stringify(args ?? {}),
      });
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return { ok: false, error: { code: 'unreachable', message: 'The room is not answering. Check the room app is still running, then try again.' } };
    }
  };
  const bridge = Object.fromEntries(METHODS.map((m) => [m, (args: unknown) => call(m, args)])) as unknown as RoomBridge;
  bridge.on = <C extends PushChannel>(channel: C, listener: (payload: PushPayloads[C]) => void) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener as (payload: never) => void);
    listeners.set(channel, set);
    return () => set.delete(listener as (payload: never) => void);
  };
  return bridge;
}
