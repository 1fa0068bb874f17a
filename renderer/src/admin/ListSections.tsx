import { useState } from 'react';
import type { AdminSettingsView } from '@core/admin/view';
import { Section, Source } from './fields';
import type { SaveSettings } from './fields';

/** Quick observation tags, each with its one key (a digit or F1-F12). */
export function TagsSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [tags, setTags] = useState(view.settings.tags);
  const edit = (i: number, change: Partial<{ label: string; key: string }>) =>
    setTags((t) => t.map((tag, j) => (j === i ? { ...tag, ...change } : tag)));
  return (
    <Section title="Observation tags" onSave={() => save({ tags })}>
      <table>
        <tbody>
          {tags.map((tag, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Tag ${i + 1} label`}
                  value={tag.label}
                  onChange={(e) => edit(i, { label: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`Tag ${i + 1} key`}
                  className="short"
                  value={tag.key}
                  onChange={(e) => edit(i, { key: e.target.value })}
                />
              </td>
              <td>
                <button type="button" onClick={() => setTags((t) => t.filter((_, j) => j !== i))}>
                  Remove tag {i + 1}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setTags((t) => [...t, { label: '', key: '' }])}>
          Add a tag
        </button>
        <button type="button" onClick={() => setTags(view.defaults.tags)}>
          Reset observation tags to the shipped defaults
        </button>
      </div>
      <Source>{view.sources.tags}</Source>
    </Section>
  );
}
