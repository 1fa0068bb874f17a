import type { Thresholds } from '@core/observations/thresholds';
import { VITAL_SIGNS, VITALS_FIELDS, type VitalsValues } from '@core/pure/observations/vitals';
import type { EntryRecord } from '@core/pure/session/fold';
import { spreadLabels } from '../ui/label-layout';

const MIN = 60_000;
/** In chart units: about one unit per screen pixel in the room's left column, so its 14-unit type reads as type. */
const W = 500;
const H = 180;
/** Room at the left for the value axis, and at the top for the legend. */
const PAD = 38;
const TOP = 26;
/** Room at the bottom for the minutes axis. */
const BOTTOM = 22;
/** Room at the right for the threshold labels, clear of the plot. */
const LABEL_SPACE = 76;
/** Label line height in chart units (the labels' type is 14 units, their box about 17). */
const LABEL_GAP = 18;
const MAX_VALUE = 220;
/** Each sign's line colour (a class in styles.css): a sign added to the registry fails the typecheck here until it has one. */
const LINE_CLASS = {
  systolic: 'v-sys',
  diastolic: 'v-dia',
  heartRate: 'v-hr',
  spo2: 'v-spo2',
  respiratoryRate: 'v-rr',
} as const satisfies Record<keyof VitalsValues, string>;
/** Every sign of the registry, named as the registry names it. */
const SERIES = VITALS_FIELDS.map((key) => ({
  key,
  cls: LINE_CLASS[key],
  label: VITAL_SIGNS[key].label,
  short: VITAL_SIGNS[key].short,
}));

/** A dot of radius 4 as path commands: two half arcs. */
const dot = (cx: number, cy: number) => `M${(cx - 4).toFixed(1)} ${cy.toFixed(1)}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0`;

/**
 * Every vital sign over session time, with the clinic's threshold lines, a value axis and a minutes axis; under it the latest
 * reading of each sign in type that reads across the room.
 */
export function VitalsChart({
  entries,
  start,
  end,
  thresholds,
  eachReading = true,
}: {
  entries: EntryRecord[];
  start: number;
  end: number;
  thresholds: Thresholds;
  /** Each reading its own labelled dot; false draws a sign's dots as one path (a long record, whose table lists them). */
  eachReading?: boolean;
}) {
  const vitals = entries.filter(
    (e): e is Extract<EntryRecord, { kind: 'vitals' }> => e.kind === 'vitals' && !e.struck && !e.correctedBy,
  );
  const x = (t: number) => PAD + ((t - start) / Math.max(1, end - start)) * (W - PAD - LABEL_SPACE);
  const y = (v: number) => H - BOTTOM - (Math.min(Math.max(v, 0), MAX_VALUE) / MAX_VALUE) * (H - BOTTOM - TOP);
  const lines = [
    { v: thresholds.bpWarning.systolic, label: `SBP ${thresholds.bpWarning.systolic}` },
    { v: thresholds.bpWarning.diastolic, label: `DBP ${thresholds.bpWarning.diastolic}` },
    { v: thresholds.heartRate.high, label: `HR ${thresholds.heartRate.high}` },
    { v: thresholds.spo2.warning, label: `SpO2 ${thresholds.spo2.warning}` },
    { v: thresholds.heartRate.low, label: `HR ${thresholds.heartRate.low}` },
    { v: thresholds.respiratoryRate.high, label: `RR ${thresholds.respiratoryRate.high}` },
    { v: thresholds.respiratoryRate.low, label: `RR ${thresholds.respiratoryRate.low}` },
  ];
  // Baselines of the labels: beside their lines, moved apart where lines are close (HR 120 and DBP 110).
  const labelYs = spreadLabels(
    lines.map((l) => y(l.v) + 5),
    LABEL_GAP,
    LABEL_GAP,
    H - 4,
  );
  const minutes = (t: number) => Math.round((t - start) / MIN);
  // The minutes axis: every 30 minutes (every hour on a long session), counted from the chart's start.
  const span = Math.max(1, Math.round((end - start) / MIN));
  const step = span > 240 ? 60 : 30;
  const minuteTicks = Array.from({ length: Math.floor(span / step) + 1 }, (_, i) => i * step);
  const latest = SERIES.map((s) => {
    const last = vitals.filter((e) => e.payload.values[s.key] !== undefined).at(-1);
    return { ...s, value: last?.payload.values[s.key] };
  });
  const value = (key: keyof VitalsValues) => latest.find((l) => l.key === key)?.value;
  const sys = value('systolic');
  const dia = value('diastolic');
  return (
    <figure className="vitals-figure">
      <svg
        className="vitals-chart"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Vitals chart, ${vitals.length} readings`}
      >
        {[50, 100, 150, 200].map((v) => (
          <g key={`v${v}`}>
            <line x1={PAD} x2={W - LABEL_SPACE} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD - 5} y={y(v) + 5} className="tick-label axis-value">
              {v}
            </text>
          </g>
        ))}
        {minuteTicks.map((m) => (
          <text key={`t${m}`} x={x(start + m * MIN)} y={H - 5} className="tick-label axis-time">
            {m === 0 ? '0 min' : m}
          </text>
        ))}
        {lines.map((l, i) => (
          <g key={l.label}>
            <line x1={PAD} x2={W - LABEL_SPACE} y1={y(l.v)} y2={y(l.v)} className="threshold" />
            <line
              x1={W - LABEL_SPACE}
              x2={W - LABEL_SPACE + 5}
              y1={y(l.v)}
              y2={labelYs[i]! - 4}
              className="threshold"
            />
            <text x={W - LABEL_SPACE + 6} y={labelYs[i]} className="tick-label">
              {l.label}
            </text>
          </g>
        ))}
        {SERIES.map((s) => {
          const points = vitals
            .filter((e) => e.payload.values[s.key] !== undefined)
            .map((e) => ({ t: e.at, v: e.payload.values[s.key]!, seq: e.seq }));
          return (
            <g key={s.key} className={s.cls}>
              {points.length > 1 && (
                <polyline points={points.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} fill="none" />
              )}
              {eachReading ? (
                points.map((p) => (
                  <g key={p.seq} role="img" aria-label={`${s.label} ${p.v} at ${minutes(p.t)} min`}>
                    <circle cx={x(p.t)} cy={y(p.v)} r={4} />
                  </g>
                ))
              ) : (
                <path className="dots" d={points.map((p) => dot(x(p.t), y(p.v))).join('')} />
              )}
            </g>
          );
        })}
        <g className="legend">
          {SERIES.map((s, i) => (
            <text key={s.key} x={PAD + i * 80} y={16} className={`legend-${s.cls}`}>
              ● {s.short}
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="vitals-latest" aria-label="Latest vitals">
        <span>
          BP <strong>{sys !== undefined && dia !== undefined ? `${sys}/${dia}` : '–'}</strong>
        </span>
        {latest
          .filter((l) => l.key !== 'systolic' && l.key !== 'diastolic')
          .map((l) => (
            <span key={l.key}>
              {l.short}{' '}
              <strong>
                {l.value ?? '–'}
                {l.value !== undefined && l.key === 'spo2' ? '%' : ''}
              </strong>
            </span>
          ))}
      </figcaption>
    </figure>
  );
}
