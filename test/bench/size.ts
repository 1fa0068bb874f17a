/**
 * The bench's sizes. `npm run bench` measures at full size; with BENCH_SMOKE=1 (what `npm test` runs) every suite runs
 * once at its smallest size, to show it still completes and gives finite figures: the figures of a smoke run mean
 * nothing against their goals.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** `full` for a measurement, `smoke` for the smoke run: a count, a duration, a list. */
export function size<T>(full: T, smoke: T): T {
  return SMOKE ? smoke : full;
}
