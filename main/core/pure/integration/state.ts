/** What the session keeps for the integration session: the intention, the moments marked, the therapist's approval. */

export interface IntegrationMoment {
  seq: number;
  at: number;
  recordedAt: number;
  author: string;
  /** The patient's own words, as the sitter or therapist wrote them down; null when the moment was marked without. */
  quote: string | null;
}

export interface IntegrationIntention {
  seq: number;
  at: number;
  by: string;
  text: string;
}

export interface IntegrationApproval {
  seq: number;
  at: number;
  by: string;
  role: string;
  /** The moments the therapist left out of the summary given to the patient. */
  leftOut: number[];
  /** Words the therapist adds for the integration session; null when none. */
  note: string | null;
  meaning: string;
}

export interface IntegrationState {
  /** The latest intention written before or during the session (a later one replaces it). */
  intention: IntegrationIntention | null;
  /** In clinical-time order. */
  moments: IntegrationMoment[];
  /** Every approval, in order: the latest stands. */
  approvals: IntegrationApproval[];
}

export const emptyIntegrationState = (): IntegrationState => ({ intention: null, moments: [], approvals: [] });
