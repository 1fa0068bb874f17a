/** "14:05" in the machine's local time, as the room shows clock times (zod-free). */
export function clockText(t: number): string {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
