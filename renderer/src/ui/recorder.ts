import { useEffect, useState } from 'react';

/** Who is recording: kept per session in this window, so a reload keeps it. */
export function useRecorder(sessionId: string, people: string[]): [string, (name: string) => void] {
  const key = `session-room-recorder-${sessionId}`;
  const [name, setName] = useState(() => localStorage.getItem(key) ?? people[0] ?? '');
  useEffect(() => {
    if (name) localStorage.setItem(key, name);
  }, [key, name]);
  return [people.includes(name) ? name : (people[0] ?? ''), setName];
}

/** Is the keyboard focus in a field where keys type text? */
export const typingInField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
