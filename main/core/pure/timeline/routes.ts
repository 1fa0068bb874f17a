/** The six routes CLINICAL.md section 1 gives a time course for. Plain data: the renderer imports it too. */
export const ROUTE_IDS = ['iv', 'im', 'intranasal', 'spravato', 'sublingual', 'oral'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

/** Each route's short name, as a sentence about its preset names it ("The IV infusion preset: ..."). */
export const ROUTE_SHORT_NAMES: Record<RouteId, string> = {
  iv: 'IV infusion',
  im: 'IM injection',
  intranasal: 'Intranasal',
  spravato: 'Spravato',
  sublingual: 'Sublingual',
  oral: 'Oral',
};
