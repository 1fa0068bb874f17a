import type { Envelope } from '../../../preload/contract';

/**
 * Remembers the answer to each recent call by the caller's request id, so a call sent again (the renderer's
 * "Try again" after the room did not answer in time) gets the first call's answer instead of being done twice:
 * an entry is never written twice because its first answer was lost. Bounded: the oldest ids are forgotten.
 */
export class RequestLedger {
  private readonly answers = new Map<string, { method: string; answer: Promise<Envelope<unknown>> }>();

  constructor(private readonly keep = 1000) {}

  static readonly ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

  run(requestId: string | undefined, method: string, work: () => Promise<Envelope<unknown>>): Promise<Envelope<unknown>> {
    if (!requestId || !RequestLedger.ID_PATTERN.test(requestId)) return work();
    const known = this.answers.get(requestId);
    if (known) {
      if (known.method !== method) return Promise.resolve({ ok: false, error: { code: 'request_reused', message: 'This request was already used for something else. Reload the page and try again.' } });
      return known.answer;
    }
    const answer = work();
    this.answers.set(requestId, { method, answer });
    while (this.answers.size > this.keep) this.answers.delete(this.answers.keys().next().value!);
    return answer;
  }
}
