/**
 * Vertical positions for labels that would otherwise sit on top of each other (threshold lines a few
 * units apart): each keeps its own y where it can, and is moved apart by at least `gap` within [top, bottom].
 * Returns the new y for each input, in the input's order. Pure: the renderer and its tests share it.
 */
export function spreadLabels(ys: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y: Math.min(Math.max(y, top), bottom), i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  // Pushed past the bottom: slide the tail back up, keeping the gaps.
  const last = order.at(-1);
  if (last && last.y > bottom) {
    last.y = bottom;
    for (let k = order.length - 2; k >= 0; k--) order[k]!.y = Math.min(order[k]!.y, order[k + 1]!.y - gap);
  }
  const out = new Array<number>(ys.length);
  for (const o of order) out[o.i] = o.y;
  return out;
}
