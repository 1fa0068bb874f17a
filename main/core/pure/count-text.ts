/** "1 check-in", "2 check-ins", "0 amendments": a count with its noun, as the record writes counts in words. */
export function countText(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
