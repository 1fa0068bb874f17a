import type { Thresholds } from '@core/observations/thresholds';
import { VITAL_SIGNS, VITALS_FIELDS, type VitalsValues } from '@core/pure/observations/vitals';
import type { EntryRecord } from '@core/pure/session/fold';
import { spreadLabels } from '../ui/label-layout';

const MIN = 60_000;
const W = 1000;
const H = 180;
const PAD = 30;
/** Room at the right for the threshold labels, clear of the plot. */
const LABEL_SPACE = 70;
/** Label line height in chart units (the labels are 12 units high). */
const LABEL_GAP = 14;
/** Each sign's line colour (a class in styles.css): a sign added to the registry fails the typecheck here until it has one. */
const LINE_CLASS = {
  systolic: 'v-sys',
  diastolic: 'v-dia',
  heartRate: 'v-hr',
  spo2: 'v-spo2',
  respiratoryRate: 'v-rr',
} as const satisfies Record<keyof VitalsValues, string>;
/** Every sign of the registry, named as the registry names it. */
const SERIES = VITALS_FIELDS.map((key) => ({ key, cls: LINE_CLASS[key], label: VITAL_SIGNS[key].label }));

/** Every vital sign over session time, with the clinic's threshold lines. */
export function VitalsChart({
  entries,
  start,
  end,
  thresholds,
}: {
  entries: EntryRecord[];
  start: number;
  end: number;
  thresholds: Thresholds;
}) {
  const vitals = entries.filter(
    (e): e is Extract<EntryRecord, { kind: 'vitals' }> => e.kind === 'vitals' && !e.struck && !e.correctedBy,
  );
  const x = (t: number) => PAD + ((t - start) / Math.max(1, end - start)) * (W - PAD - LABEL_SPACE);
  const y = (v: number) => H - 20 - (Math.min(Math.max(v, 0), 220) / 220) * (H - 30);
  const lines = [
    { v: thresholds.bpWarning.systolic, label: `SBP ${thresholds.bpWarning.systolic}` },
    { v: thresholds.bpWarning.diastolic, label: `DBP ${thresholds.bpWarning.diastolic}` },
    { v: thresholds.heartRate.high, label: `HR ${thresholds.heartRate.high}` },
    { v: thresholds.spo2.warning, label: `SpO2 ${thresholds.spo2.warning}` },
    { v: thresholds.heartRate.low, label: `HR ${thresholds.heartRate.low}` },
  ];
  // Baselines of the labels: beside their lines, moved apart where lines are close (HR 120 and DBP 110).
  const labelYs = spreadLabels(
    lines.map((l) => y(l.v) + 4),
    LABEL_GAP,
    LABEL_GAP,
    H - 4,
  );
  const minutes = (t: number) => Math.round((t - start) / MIN);
  return (
    <svg
      className="vitals-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Vitals chart, ${vitals.length} readings`}
    >
      {lines.map((l, i) => (
        <g key={l.label}>
          <line x1={PAD} x2={W - LABEL_SPACE} y1={y(l.v)} y2={y(l.v)} className="threshold" />
          <line x1={W - LABEL_SPACE} x2={W - LABEL_SPACE + 5} y1={y(l.v)} y2={labelYs[i]! - 4} className="threshold" />
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
            {points.length > 1 && <polyline points={points.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} fill="none" />}
            {points.map((p) => (
              <g key={p.seq} role="img" aria-label={`${s.label} ${p.v} at ${minutes(p.t)} min`}>
                <circle cx={x(p.t)} cy={y(p.v)} r={4} />
              </g>
            ))}
          </g>
        );
      })}
      <g className="legend">
        {SERIES.map((s, i) => (
          <text key={s.key} x={PAD + i * 150} y={14} className={`legend-${s.cls}`}>
            ● {s.label}
          </text>
        ))}
      </g>
    </svg>
  );
}
