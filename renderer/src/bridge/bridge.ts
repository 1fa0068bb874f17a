import { METHODS, type MethodName } from '@core/contract/channels';
import type { ArgsOf, Envelope, ResultOf, RoomBridge } from '@core/contract/contract';
import { createHttpBridge, takeToken } from './http-bridge';
import { boundedCall } from './stalled-calls';

declare global {
  interface Window {
    room?: RoomBridge;
  }
}

/** A failed call, carrying the room's sentence for the person. */
export class RoomCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The app's bridge (IPC), bounded like the browser host's: a call not answered in time shows "The room is not
 * answering"; "Try again" asks with the same request id, which the room answers once.
 */
function boundedIpc(ipc: RoomBridge): RoomBridge {
  const methods = ipc as unknown as Record<string, (args: unknown, requestId?: string) => Promise<Envelope<unknown>>>;
  const bounded = Object.fromEntries(
    METHODS.map((m) => [m, (args: unknown) => boundedCall(m, (requestId) => methods[m]!(args, requestId))]),
  ) as unknown as RoomBridge;
  bounded.on = (channel, listener) => ipc.on(channel, listener);
  return bounded;
}

function connect(): RoomBridge | null {
  if (window.room) return boundedIpc(window.room);
  const token = takeToken();
  return token ? createHttpBridge(token) : null;
}

export const bridge: RoomBridge | null = connect();

/** Calls a room method; resolves with its value or throws RoomCallError with the room's sentence. */
export async function call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  if (!bridge)
    throw new RoomCallError(
      'no_bridge',
      'This page is not connected to a room. Open the address the room printed when it started.',
    );
  const fn = bridge[method] as unknown as (a: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
  const envelope = await fn(args);
  if (!envelope.ok) throw new RoomCallError(envelope.error.code, envelope.error.message);
  return envelope.value;
}
