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
 * A call bounded in time: `attempt` sends it once with the request id and answers null when it gave up at the
 * time limit. Then the call waits (listed as stalled) until "Try again" sends it again, with the same id.
 */
export function boundedCall<T>(method: string, attempt: (requestId: string) => Promise<T | null>): Promise<T> {
  // The same id on every retry: the room answers a repeated request once, so nothing is written twice.
  const requestId = crypto.randomUUID();
  return new Promise((resolve) => {
    let release: (() => void) | null = null;
    let settled = false;
    const send = () => {
      void attempt(requestId).then((answer) => {
        if (settled) return;
        if (answer === null) {
          release ??= addStalled({ method, retry: () => send() });
          return;
        }
        settled = true;
        release?.();
        resolve(answer);
      });
    };
    send();
  });
}

/** The answer, or null once the time limit passes (the call itself goes on: a late answer is still taken by a retry). */
export function withinTimeLimit<T>(answer: Promise<T>): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), callTimeoutMs());
    void answer.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
