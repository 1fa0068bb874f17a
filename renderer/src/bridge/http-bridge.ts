import { METHODS, PUSH_CHANNELS, type PushChannel } from '@core/contract/channels';
import type { Envelope, PushPayloads, RoomBridge } from '@core/contract/contract';
import { boundedCall } from './stalled-calls';

const TOKEN_KEY = 'session-room-token';

/** Reads the access key from the address the room printed (`?token=` or `#token=`), keeps it for reloads, and hides it. */
export function takeToken(): string | null {
  const match =
    /(?:^[?]|&)token=([0-9a-f]+)/.exec(window.location.search) ??
    /(?:^|[#&])token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The bridge over the browser host: the same methods and pushes as the Electron preload, over loopback HTTP. */
export function createHttpBridge(token: string, base = ''): RoomBridge {
  const listeners = new Map<PushChannel, Set<(payload: never) => void>>();
  const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
  for (const channel of PUSH_CHANNELS) {
    source.addEventListener(channel, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as never;
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    });
  }
  const unreachable: Envelope<unknown> = {
    ok: false,
    error: {
      code: 'unreachable',
      message: 'The room is not answering. Check the room app is still running, then try again.',
    },
  };
  /** One attempt; it may answer late (boundedCall says so meanwhile), and a refused connection is a sentence. */
  const attempt = async (method: string, body: string, requestId: string): Promise<Envelope<unknown>> => {
    try {
      const res = await fetch(`${base}/api/call/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Room-Token': token, 'X-Room-Request': requestId },
        body,
      });
      return (await res.json()) as Envelope<unknown>;
    } catch {
      return unreachable;
    }
  };
  const call = (method: string, args: unknown): Promise<Envelope<unknown>> => {
    const body = JSON.stringify(args ?? {});
    return boundedCall(method, (requestId) => attempt(method, body, requestId));
  };
  const bridge = Object.fromEntries(METHODS.map((m) => [m, (args: unknown) => call(m, args)])) as unknown as RoomBridge;
  bridge.on = <C extends PushChannel>(channel: C, listener: (payload: PushPayloads[C]) => void) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  };
  return bridge;
}
