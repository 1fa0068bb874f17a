import type { StoredEvent } from '../../session/events';
import type { IntegrationState } from './state';

export type IntegrationEvent = Extract<
  StoredEvent,
  { kind: 'integration_intention' | 'integration_moment' | 'integration_approved' }
>;
const INTEGRATION_KINDS = new Set<string>(['integration_intention', 'integration_moment', 'integration_approved']);
export const isIntegrationEvent = (e: StoredEvent): e is IntegrationEvent => INTEGRATION_KINDS.has(e.kind);

/** The fold's step for the integration events: the intention, the moments marked for integration, the approval. */
export function applyIntegrationEvent(s: IntegrationState, e: IntegrationEvent): void {
  switch (e.kind) {
    case 'integration_intention':
      s.intention = { seq: e.seq, at: e.occurredAt, by: e.author, text: e.payload.text };
      break;
    case 'integration_moment': {
      const moment = {
        seq: e.seq,
        at: e.occurredAt,
        recordedAt: e.recordedAt,
        author: e.author,
        quote: e.payload.quote ?? null,
      };
      let i = s.moments.length;
      while (i > 0 && s.moments[i - 1]!.at > moment.at) i--;
      s.moments.splice(i, 0, moment);
      break;
    }
    case 'integration_approved':
      s.approvals.push({
        seq: e.seq,
        at: e.occurredAt,
        by: e.author,
        role: e.authorRole ?? e.payload.signature?.role ?? '',
        leftOut: e.payload.leftOut,
        note: e.payload.note ?? null,
        meaning: e.payload.signature?.meaning ?? '',
      });
      break;
  }
}
