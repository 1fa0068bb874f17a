import { useEffect, useState } from 'react';
import type { ImportJobView } from '@core/pure/music-admin/view';
import { bridge, call } from '../bridge/bridge';

/** Import audio: a typed path (browser host) or the system's dialog (app); a progress bar; what did not import and why. */
export function AudioImport({
  adminKey,
  typedPaths,
  onFinished,
  onError,
}: {
  adminKey: string;
  typedPaths: boolean;
  onFinished: () => void;
  onError: (err: unknown) => void;
}) {
  const [source, setSource] = useState('');
  const [job, setJob] = useState<ImportJobView | null>(null);

  // Followed while it runs: the effect starts with a job and ends when it is done or failed.
  const jobId = job?.jobId ?? null;
  const running = job !== null && job.stage !== 'done' && job.stage !== 'failed';
  useEffect(() => {
    if (!running || jobId === null) return;
    const off = bridge?.on('music-import', (update) => {
      if (update.jobId === jobId) setJob(update);
    });
    // The pushes carry progress; a slow poll makes sure the end is seen even if a push is missed.
    const timer = setInterval(() => {
      call('getAudioImport', { adminKey, jobId })
        .then(setJob)
        .catch(() => undefined);
    }, 1000);
    return () => {
      off?.();
      clearInterval(timer);
    };
  }, [jobId, running, adminKey]);

  useEffect(() => {
    if (job?.stage === 'done') onFinished();
  }, [job?.stage, onFinished]);

  const start = async () => {
    try {
      const { jobId } = await call('startAudioImport', typedPaths ? { adminKey, paths: [source] } : { adminKey });
      setJob({
        jobId,
        stage: 'copying',
        done: 0,
        total: 0,
        current: null,
        imported: [],
        alreadyThere: [],
        failed: [],
        error: null,
      });
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section aria-label="Import audio">
      <h2>Import audio</h2>
      <div className="row">
        {typedPaths && (
          <label>
            Audio file or folder on this computer
            <input
              value={source}
              onChange={(e) => setSource(e.target.value)}
              placeholder="/home/clinic/Music/new-set"
              size={50}
            />
          </label>
        )}
        <button type="button" onClick={() => void start()} disabled={running}>
          Import audio
        </button>
      </div>
      {job && (
        <div>
          <progress
            aria-label="Import progress"
            max={Math.max(1, job.total)}
            value={job.stage === 'done' ? Math.max(1, job.total) : job.done}
          />
          <p role="status">
            {job.stage === 'copying' && `Copying ${job.current ?? ''} (${job.done} of ${job.total} steps)`}
            {job.stage === 'measuring' && `Measuring loudness ${job.current ?? ''} (${job.done} of ${job.total} steps)`}
            {job.stage === 'done' &&
              `Imported ${job.imported.length} file${job.imported.length === 1 ? '' : 's'}${job.alreadyThere.length ? `; ${job.alreadyThere.length} already in the library` : ''}${job.failed.length ? `; ${job.failed.length} not imported` : ''}.`}
            {job.stage === 'failed' && job.error}
          </p>
          {job.failed.length > 0 && (
            <ul aria-label="Files not imported">
              {job.failed.map((f) => (
                <li key={f.name}>{f.reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
