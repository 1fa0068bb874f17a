import { useEffect, useState } from 'react';

/** The screen's palettes: dim (the brightness setting applies) and night, red-shifted for a dark room. */
export type Palette = 'dim' | 'night';
export const PALETTE_KEY = { key: 'Alt+T', code: 'KeyT' } as const;
const STORAGE = 'session-room-palette';

/** The palette this screen last used (kept on this machine), applied to the whole page; Alt+T switches. */
export function usePalette(): [Palette, () => void] {
  const [palette, setPalette] = useState<Palette>(() => (localStorage.getItem(STORAGE) === 'night' ? 'night' : 'dim'));
  useEffect(() => {
    document.documentElement.dataset.palette = palette;
    localStorage.setItem(STORAGE, palette);
  }, [palette]);
  const toggle = () => setPalette((p) => (p === 'night' ? 'dim' : 'night'));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.code !== PALETTE_KEY.code) return;
      e.preventDefault();
      setPalette((p) => (p === 'night' ? 'dim' : 'night'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [palette, toggle];
}
