/**
 * Calls the room has not answered in time. Each stays pending (its form keeps waiting, nothing is lost) while the
 * page says "The room is not answering" and offers to try again; a retry is the same request (same id), so the
 * room answers it once whatever happened to the first.
 */
export interface StalledCall {
  method: string;
  retry(): void;
}

const stalled = new Set<StalledCall>();
const watchers = new Set<() => void>();
const changed = () => {
  for (const w of watchers) w();
};

export function addStalled(call: StalledCall): () => void {
  stalled.add(call);
  changed();
  return () => {
    if (stalled.delete(call)) changed();
  };
}

export function stalledCalls(): StalledCall[] {
  return [...stalled];
}

export function watchStalled(watcher: () => void): () => void {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** How long a call may take before the page says the room is not answering: 10 s; tests set a shorter one. */
export function callTimeoutMs(): number {
  const forTests = (globalThis as { __SESSION_ROOM_CALL_TIMEOUT_MS__?: unknown }).__SESSION_ROOM_CALL_TIMEOUT_MS__;
  return typeof forTests === 'number' && forTests > 0 ? forTests : 10_000;
}

/**
 * A call bounded in time: once it has waited past the time limit it is listed as stalled (the page says the room is
 * not answering and offers "Try again"), but it keeps waiting: a late answer, from the first attempt or a retry, is
 * taken as soon as it comes and the notice goes. A retry sends the same request id, so the room answers it once.
 */
export function boundedCall<T>(method: string, attempt: (requestId: string) => Promise<T>): Promise<T> {
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    let release: (() => void) | null = null;
    let settled = false;
    const send = () => {
      const timer = setTimeout(() => {
        if (!settled) release ??= addStalled({ method, retry: send });
      }, callTimeoutMs());
      void attempt(requestId).then((answer) => {
        clearTimeout(timer);
        if (settled) return;
        settled = true;
        release?.();
        resolve(answer);
      });
    };
    send();
  });
}
