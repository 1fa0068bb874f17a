import type { MethodName } from '../../../preload/channels';
import type { ArgsOf, Envelope, ResultOf, RoomBridge } from '../../../preload/contract';
import { createHttpBridge, takeToken } from './http-bridge';

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

function connect(): RoomBridge | null {
  if (window.room) return window.room;
  const token = takeToken();
  return token ? createHttpBridge(token) : null;
}

export const bridge: RoomBridge | null = connect();

/** Calls a room method; resolves with its value or throws RoomCallError with the room's sentence. */
export async function call<M extends MethodName>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
  if (!bridge) throw new RoomCallError('no_bridge', 'This page is not connected to a room. Open the address the room printed when it started.');
  const fn = bridge[method] as unknown as (a: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
  const envelope = await fn(args);
  if (!envelope.ok) throw new RoomCallError(envelope.error.code, envelope.error.message);
  return envelope.value as ResultOf<M>;
}
