import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A tool that opens over the session view (CADSS-6, history, the keys): the session stays underneath, its
 * music playing. Esc or the Close button closes it and the focus goes back where it was.
 */
export function Overlay({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // A signature or a switch of person opened over the tool: Esc is that dialog's.
      if (document.querySelector('.modal')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      onClose();
    };
    // Capture phase: the session's own keys (tags, notes) do not see what is typed here.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus();
    };
  }, [onClose]);
  return (
    <div className="overlay-backdrop">
      <section ref={panel} className="overlay" role="dialog" aria-modal="true" aria-label={title} tabIndex={-1}>
        <header className="overlay-head">
          <h2>{title}</h2>
          <button type="button" onClick={onClose}>
            Close <kbd>Esc</kbd>
          </button>
        </header>
        <div className="overlay-body">{children}</div>
      </section>
    </div>
  );
}
