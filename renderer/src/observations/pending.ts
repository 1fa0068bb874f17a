import { useCallback, useRef, useState } from 'react';
import type { StoredEvent } from '@core/session/events';
import { callTimeoutMs } from '../bridge/stalled-calls';

/**
 * An entry drawn the moment its key is pressed, before the room has written it. "saving": sent; "not answering": the
 * room has not answered within the call's time limit (the call keeps waiting, and the room's "Try again" resends the
 * same request, answered once); "refused": the room answered no, nothing was written, and it can be sent again.
 */
export interface PendingEntry {
  key: number;
  /** What the line says, as the durable entry will ("dissociation", "Check-in"). */
  text: string;
  at: number;
  author: string;
  status: 'saving' | 'not answering' | 'refused';
  message?: string;
  /** For a refused entry: send it again, or let it go (the person's choice, never the page's). */
  retry?: () => void;
  discard?: () => void;
}

/** The one-key entries on their way to the room, and how to send one: drawn at once, replaced by the durable entry. */
export interface PendingEntries {
  pending: PendingEntry[];
  record: (line: Pick<PendingEntry, 'text' | 'at' | 'author'>, send: () => Promise<StoredEvent>) => void;
}

export function usePendingEntries(accept: (event: StoredEvent) => void): PendingEntries {
  const [pending, setPending] = useState<PendingEntry[]>([]);
  const nextKey = useRef(1);

  const record = useCallback(
    (line: Pick<PendingEntry, 'text' | 'at' | 'author'>, send: () => Promise<StoredEvent>) => {
      const key = nextKey.current++;
      const update = (change: Partial<PendingEntry> | null) =>
        setPending((list) =>
          change === null
            ? list.filter((p) => p.key !== key)
            : list.map((p) => (p.key === key ? { ...p, ...change } : p)),
        );
      setPending((list) => [...list, { ...line, key, status: 'saving' }]);
      const slow = setTimeout(() => update({ status: 'not answering' }), callTimeoutMs());
      send()
        .then((event) => {
          // The durable entry and the line's end in one render: the list never shows both, nor neither.
          accept(event);
          update(null);
        })
        .catch((err: Error) =>
          update({
            status: 'refused',
            message: err.message,
            retry: () => {
              update(null);
              record(line, send);
            },
            discard: () => update(null),
          }),
        )
        .finally(() => clearTimeout(slow));
    },
    [accept],
  );
  return { pending, record };
}
