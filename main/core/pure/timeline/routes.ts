/** The six routes docs/CLINICAL.md gives a time course for, and what each route can do. Plain data: the renderer imports it too. */
export const ROUTE_IDS = ['iv', 'im', 'intranasal', 'spravato', 'sublingual', 'oral'] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

/** No preset may allow a discharge sooner than this after the last dose, nor, for an infusion, after its end. */
export const CLINIC_DISCHARGE_FLOOR_MIN = 60;

/** What a route is and allows: every rule that differs by route reads these flags, never the route's name. */
export interface RouteCapabilities {
  /** As a sentence about its preset names it ("The IV infusion preset: ..."). */
  shortName: string;
  /** The medicine, as the report and the FHIR export name it. */
  medication: string;
  /** Given as devices of a fixed size, each recorded as it is given, with a rest between them (Spravato: 28 mg, 5 min). */
  devices: { mg: number; restMin: number; most: number } | null;
  /** A booster may be ordered during the session. */
  boosters: boolean;
  /** Given over an infusion whose end the clinician marks; the discharge wait counts from it. */
  infusion: boolean;
  /** The Spravato REMS patient monitoring form is filed for each session. */
  rems: boolean;
  /** A blood pressure before the first dose, whatever the clinic's preset says. */
  preDoseBpAlways: boolean;
  /** Checklist items only this route asks (unless the clinic's own list names them), and those always needing "yes". */
  ownChecklist: readonly ('nasal_sprays' | 'rems_enrolment')[];
  alwaysCritical: readonly ('consent' | 'rems_enrolment')[];
}

const RACEMIC = {
  medication: 'Ketamine',
  devices: null,
  boosters: true,
  infusion: false,
  rems: false,
  preDoseBpAlways: false,
  ownChecklist: [],
  alwaysCritical: ['consent'],
} as const;

export const ROUTES = {
  iv: { ...RACEMIC, shortName: 'IV infusion', infusion: true },
  im: { ...RACEMIC, shortName: 'IM injection' },
  intranasal: { ...RACEMIC, shortName: 'Intranasal' },
  spravato: {
    shortName: 'Spravato',
    medication: 'Esketamine nasal spray (Spravato)',
    devices: { mg: 28, restMin: 5, most: 3 },
    boosters: false,
    infusion: false,
    rems: true,
    preDoseBpAlways: true,
    ownChecklist: ['nasal_sprays', 'rems_enrolment'],
    alwaysCritical: ['consent', 'rems_enrolment'],
  },
  sublingual: { ...RACEMIC, shortName: 'Sublingual' },
  oral: { ...RACEMIC, shortName: 'Oral' },
} as const satisfies Record<RouteId, RouteCapabilities>;

/** The capabilities of a preset's route. */
export const routeOf = (preset: { id: RouteId }): RouteCapabilities => ROUTES[preset.id];

/** Each route's short name (kept for the settings' descriptions). */
export const ROUTE_SHORT_NAMES: Record<RouteId, string> = Object.fromEntries(
  ROUTE_IDS.map((id) => [id, ROUTES[id].shortName]),
) as Record<RouteId, string>;
