import { useEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE = 'button, input, select, textarea, [href], [tabindex]:not([tabindex="-1"])';

/**
 * A small dialog over the room, used by keyboard alone: the focus starts inside it and Tab stays inside it, Esc cancels,
 * and the room's own keys (Alt+...) wait until it closes. The page behind is inert while it is open (StaffProvider), and
 * the focus goes back where it was. No sound and no flash: the room is dark.
 */
export function Modal({ label, onCancel, children }: { label: string; onCancel: () => void; children: ReactNode }) {
  const panel = useRef<HTMLElement>(null);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  // Taken while drawing, before anything inside takes the focus or the page behind turns inert.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  // The focus starts on the field marked data-autofocus (again when the dialog turns to another of its forms).
  useEffect(() => {
    const inside = panel.current;
    if (inside && !inside.contains(document.activeElement))
      (inside.querySelector<HTMLElement>('[data-autofocus]') ?? inside).focus();
  }, [label]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopImmediatePropagation();
        cancel.current();
        return;
      }
      if (e.key === 'Tab' && panel.current) {
        const all = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
          (el) => !(el as HTMLButtonElement).disabled && el.offsetParent !== null,
        );
        const first = all[0];
        const last = all[all.length - 1];
        if (!first || !last) return;
        if (e.shiftKey && (document.activeElement === first || !panel.current.contains(document.activeElement))) {
          e.preventDefault();
          last.focus();
        } else if (
          !e.shiftKey &&
          (document.activeElement === last || !panel.current.contains(document.activeElement))
        ) {
          e.preventDefault();
          first.focus();
        }
        return;
      }
      // The room's keys (marks, screens, tools) wait while the dialog is open; typing in its fields goes on as usual.
      if (e.altKey || e.metaKey) e.stopImmediatePropagation();
    };
    // Capture phase: the room's own key handlers never see what is typed here.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      if (before?.isConnected) before.focus();
    };
  }, [before]);

  return (
    <div className="modal-backdrop">
      <section ref={panel} className="modal" role="dialog" aria-modal="true" aria-label={label} tabIndex={-1}>
        {children}
      </section>
    </div>
  );
}
