/** The six routes CLINICAL.md section 1 gives a time course for. Plain data: the renderer imports it too. */
export const ROUTE_IDS = ['iv', 'im', 'intranasal', 'spravato', 'sublingual', 'oral'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];
