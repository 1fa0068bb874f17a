import { useEffect, useState } from 'react';
import { stalledCalls, watchStalled } from '../bridge/stalled-calls';

/** Shown while a call waits past its time limit: says so, and sends the waiting calls again on one click. */
export function NotAnswering() {
  const [count, setCount] = useState(() => stalledCalls().length);
  useEffect(() => watchStalled(() => setCount(stalledCalls().length)), []);
  if (count === 0) return null;
  return (
    <section className="not-answering no-print" aria-label="Connection to the room">
      <p role="alert" className="warning">
        The room is not answering. What you entered is kept; check the room is still running, then try again.
      </p>
      <button type="button" onClick={() => stalledCalls().forEach((c) => c.retry())}>
        Try again
      </button>
    </section>
  );
}
