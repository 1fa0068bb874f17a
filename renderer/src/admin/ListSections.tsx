import { useState } from 'react';
import type { AdminSettingsView } from '../../../main/core/admin/view';
import { Section, Source } from './fields';
import type { SaveSettings } from './fields';
import { PERMISSIONS, STAFF_ROLES } from '../../../main/core/pure/staff/permissions';

/** Quick observation tags, each with its one key (a digit or F1-F12). */
export function TagsSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [tags, setTags] = useState(view.settings.tags);
  const edit = (i: number, change: Partial<{ label: string; key: string }>) => setTags((t) => t.map((tag, j) => (j === i ? { ...tag, ...change } : tag)));
  return (
    <Section title="Observation tags" onSave={() => save({ tags })}>
      <table>
        <tbody>
          {tags.map((tag, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Tag ${i + 1} label`} value={tag.label} onChange={(e) => edit(i, { label: e.target.value })} />
              </td>
              <td>
                <input aria-label={`Tag ${i + 1} key`} className="short" value={tag.key} onChange={(e) => edit(i, { key: e.target.value })} />
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

/** The clinic's people: offered when a session starts and when switching who is recording. */
export function StaffSection({ view, save }: { view: AdminSettingsView; save: SaveSettings }) {
  const [staff, setStaff] = useState(view.settings.staff);
  const edit = (i: number, change: Partial<{ name: string; role: string }>) =>
    setStaff((s) => s.map((p, j) => (j === i ? ({ ...p, ...change } as typeof p) : p)));
  return (
    <Section title="Staff" onSave={() => save({ staff })}>
      {staff.length === 0 && <p className="hint">No one is listed yet.</p>}
      <p className="hint">
        Once a clinician is listed, only a clinician may {Object.values(PERMISSIONS).map((p) => p.what).join('; ')}. Everyone may record observations, vitals, scores and check-ins.
      </p>
      <table>
        <tbody>
          {staff.map((person, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Person ${i + 1} name`} value={person.name} onChange={(e) => edit(i, { name: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Person ${i + 1} role`} value={person.role} onChange={(e) => edit(i, { role: e.target.value })}>
                  {STAFF_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => setStaff((s) => s.filter((_, j) => j !== i))}>
                  Remove person {i + 1}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => setStaff((s) => [...s, { name: '', role: 'sitter' }])}>
        Add a person
      </button>
    </Section>
  );
}
