import { createContext, useCallback, useContext } from 'react';
import { clockText } from '@core/pure/time-text';

/**
 * The clinic's time zone (its setting, by default the computer's), in which the page shows every clock time as the room
 * writes them: given once, by the app, from the room's settings. null (before the room answers): the computer's own.
 */
const ClockZone = createContext<string | null>(null);
export const ClockZoneProvider = ClockZone.Provider;

/** The clinic's time zone: for the room's rules run on the page (due list, dose refusals) and the screen's own formats. */
export function useClockZone(): string | null {
  return useContext(ClockZone);
}

/** "14:05" in the clinic's time zone: the room's clockText with the page's zone. */
export function useClock(): (t: number) => string {
  const zone = useClockZone();
  return useCallback((t: number) => clockText(t, zone), [zone]);
}
