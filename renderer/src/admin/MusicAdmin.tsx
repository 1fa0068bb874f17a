import { useCallback, useEffect, useState } from 'react';
import type { MusicAdminView } from '@core/pure/music-admin/view';
import { call, RoomCallError } from '../bridge/bridge';
import { AudioImport } from './AudioImport';
import { BundleImport } from './BundleImport';
import { SetEditor } from './SetEditor';

/** The music sets: import audio, edit the clinic's sets, share them as files. */
export function MusicAdmin({ adminKey, onLocked }: { adminKey: string; onLocked: () => void }) {
  const [view, setView] = useState<MusicAdminView | null>(null);
  const [editing, setEditing] = useState<string | null>(null); // a set's id, or 'new'
  const [message, setMessage] = useState<{ ok: boolean; text: string; url?: string | null } | null>(null);

  const failed = useCallback(
    (err: unknown) => {
      if (err instanceof RoomCallError && err.code === 'admin_locked') onLocked();
      setMessage({ ok: false, text: (err as Error).message });
    },
    [onLocked],
  );
  const reload = useCallback(() => {
    call('getMusicAdmin', { adminKey }).then(setView).catch(failed);
  }, [adminKey, failed]);
  useEffect(reload, [reload]);

  const act = async (work: () => Promise<string | { text: string; url?: string | null }>) => {
    try {
      const done = await work();
      setMessage(typeof done === 'string' ? { ok: true, text: done } : { ok: true, ...done });
      reload();
    } catch (err) {
      failed(err);
    }
  };

  if (!view) return <div aria-busy="true">{message && <p role="alert">{message.text}</p>}</div>;
  if (editing) {
    const set = editing === 'new' ? null : (view.sets.find((s) => s.id === editing) ?? null);
    return (
      <SetEditor
        adminKey={adminKey}
        view={view}
        set={set}
        onLocked={onLocked}
        onDone={(saved) => {
          setEditing(null);
          if (saved) setMessage({ ok: true, text: `Saved '${saved}'.` });
          reload();
        }}
      />
    );
  }
  return (
    <div className="music-admin">
      {view.problems.map((p) => (
        <p key={p} className="warning">
          {p}
        </p>
      ))}
      <AudioImport adminKey={adminKey} typedPaths={view.typedPaths} onFinished={reload} onError={failed} />
      <section aria-label="Music sets">
        <h2>Music sets</h2>
        <table>
          <thead>
            <tr>
              <th>Set</th>
              <th>From</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {view.sets.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.name}
                  {s.inUse && <span className="hint"> · in use by the session in progress</span>}
                </td>
                <td>{s.source === 'shipped' ? 'ships with the app' : 'this clinic'}</td>
                <td className="row">
                  {s.source === 'clinic' && (
                    <button type="button" onClick={() => setEditing(s.id)}>
                      Edit {s.name}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const copy = await call('duplicateMusicSet', { adminKey, setId: s.id });
                        return `Made '${copy.name}', a copy of '${s.name}': edit it under its name.`;
                      })
                    }
                  >
                    Duplicate {s.name}
                  </button>
                  {s.source === 'clinic' && (
                    <button
                      type="button"
                      disabled={s.inUse}
                      onClick={() =>
                        void act(
                          async () => (await call('deleteMusicSet', { adminKey, setId: s.id }), `Deleted '${s.name}'.`),
                        )
                      }
                    >
                      Delete {s.name}
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() =>
                      void act(async () => {
                        const out = await call('exportMusicSet', { adminKey, setId: s.id });
                        return {
                          text: out.url
                            ? `'${s.name}' is ready as ${out.fileName}.`
                            : `'${s.name}' was saved as ${out.savedTo ?? out.fileName}.`,
                          url: out.url,
                        };
                      })
                    }
                  >
                    Export {s.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setEditing('new')}>
          New set
        </button>
        {message &&
          (message.ok ? (
            <p role="status" className="saved">
              {message.text}
              {message.url && (
                <>
                  {' '}
                  <a href={message.url} download>
                    Download the shared set
                  </a>
                </>
              )}
            </p>
          ) : (
            <p role="alert" className="error">
              {message.text}
            </p>
          ))}
      </section>
      <BundleImport
        adminKey={adminKey}
        typedPaths={view.typedPaths}
        onImported={(name) => {
          setMessage({ ok: true, text: `Imported '${name}'.` });
          reload();
        }}
        onError={failed}
      />
    </div>
  );
}
