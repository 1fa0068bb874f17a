import { useEffect, useState } from 'react';
import type { CourseRow } from '@core/pure/report/course';
import { call } from '../bridge/bridge';
import { dateText } from '../ui/format';
import { useClockZone } from '../ui/clock';
import { CoursePage, doseText } from './CoursePage';

/**
 * On the start screen, for a patient seen here before: the last session's dose and anything that needed attention, and
 * the course of their sessions one button away, so the next dose is chosen on what happened last time.
 */
export function LastSession({ patientRef }: { patientRef: string }) {
  const ref = patientRef.trim();
  const [last, setLast] = useState<CourseRow | null>(null);
  const [showCourse, setShowCourse] = useState(false);
  const zone = useClockZone();

  useEffect(() => {
    setLast(null);
    setShowCourse(false);
    if (!ref) return;
    let current = true;
    // Asked once typing pauses; a patient not seen here before has no course, and nothing is shown.
    const timer = setTimeout(() => {
      call('getPatientCourse', { patientRef: ref })
        .then((rows) => current && setLast(rows.at(-1) ?? null))
        .catch(() => current && setLast(null));
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ref]);

  if (!last) return null;
  return (
    <section className="last-session" aria-label="Last session">
      <p>
        Last session of {ref}: {dateText(last.startedAt, zone)}, {last.route}, {doseText(last)}.{' '}
        {last.attention.length ? `Needed attention: ${last.attention.join('; ')}.` : 'Nothing needed attention.'}
      </p>
      <button type="button" aria-expanded={showCourse} onClick={() => setShowCourse((s) => !s)}>
        {showCourse ? `Hide the course of ${ref}` : `Show the course of ${ref}`}
      </button>
      {showCourse && <CoursePage patientRef={ref} />}
    </section>
  );
}
