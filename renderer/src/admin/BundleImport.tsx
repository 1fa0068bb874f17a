import { useState } from 'react';
import type { BundlePreview } from '@core/pure/music-admin/view';
import { PHASE_LABELS, PHASES } from '@core/pure/timeline/timeline';
import { call } from '../bridge/bridge';

const STATUS_WORDS = {
  new: 'will be added',
  'already-there': 'already in the library: not copied again',
  renamed: 'a different file has this name here: stored as',
} as const;

/** Import a shared set: preview what it adds, resolve a name clash in the open, then import. */
export function BundleImport({
  adminKey,
  typedPaths,
  onImported,
  onError,
}: {
  adminKey: string;
  typedPaths: boolean;
  onImported: (name: string) => void;
  onError: (err: unknown) => void;
}) {
  const [source, setSource] = useState('');
  const [preview, setPreview] = useState<BundlePreview | null>(null);
  const [choice, setChoice] = useState<'copy' | 'replace'>('copy');

  const open = async () => {
    try {
      setPreview(await call('previewSetBundle', typedPaths ? { adminKey, path: source } : { adminKey }));
      setChoice('copy');
    } catch (err) {
      onError(err);
    }
  };
  const confirm = async () => {
    if (!preview) return;
    try {
      const done = await call('importSetBundle', {
        adminKey,
        previewId: preview.previewId,
        ...(preview.conflict ? { onConflict: choice } : {}),
      });
      setPreview(null);
      onImported(done.name);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <section aria-label="Import a shared set">
      <h2>Import a shared set</h2>
      <div className="row">
        {typedPaths && (
          <label>
            Shared set file on this computer
            <input
              value={source}
              onChange={(e) => setSource(e.target.value)}
              placeholder="/home/clinic/evening-calm.roomset.zip"
              size={50}
            />
          </label>
        )}
        <button type="button" onClick={() => void open()}>
          Preview shared set
        </button>
      </div>
      {preview && (
        <div role="region" aria-label="What the import will add">
          <p>
            The set '{preview.setName}': {PHASES.map((p) => `${PHASE_LABELS[p]} ${preview.trackCounts[p]}`).join(', ')}{' '}
            tracks.
          </p>
          <ul>
            {preview.files.map((f) => (
              <li key={f.file}>
                {f.file}: {STATUS_WORDS[f.status]}
                {f.status === 'renamed' && ` ${f.storeAs}`}
              </li>
            ))}
          </ul>
          {preview.conflict && (
            <fieldset aria-label="A set with this name is already here">
              <legend>
                A set called '{preview.conflict.existingName}' is already here
                {preview.conflict.kind === 'same-id' ? ' (the same set, perhaps an older version)' : ''}.
              </legend>
              <label>
                <input type="radio" name="conflict" checked={choice === 'copy'} onChange={() => setChoice('copy')} />{' '}
                Import as a copy named '{preview.copyName}'
              </label>
              {preview.conflict.existingSource === 'clinic' && (
                <label>
                  <input
                    type="radio"
                    name="conflict"
                    checked={choice === 'replace'}
                    onChange={() => setChoice('replace')}
                  />{' '}
                  Replace '{preview.conflict.existingName}'
                </label>
              )}
            </fieldset>
          )}
          <div className="row">
            <button type="button" onClick={() => void confirm()}>
              Import set
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
