/** A session as the history lists it. A plain type: the contract and the renderer import it. */
export interface SessionRow {
  id: string;
  createdAt: number;
  patientRef: string;
  presetId: string;
  closedAt: number | null;
  outcome: string | null;
}
