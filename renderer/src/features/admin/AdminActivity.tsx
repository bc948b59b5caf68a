import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAdminStore } from './use-admin-store';
import { saveFile } from '../../ui/save-file';
import { DataTable, FormError } from '../../ui/DataTable';
import { formatDateTime } from '../../lib/time-format';

/** Event groups managers filter by (a type prefix, or exact type). */
const TYPE_OPTIONS: { value: string; label: string }[] = [
  { value: '', label: 'All events' },
  { value: 'request.', label: 'New-user requests' },
  { value: 'account.', label: 'Accounts created' },
  { value: 'admin.', label: 'Administration actions' },
  { value: 'account_', label: 'Lockouts and unlocks' },
  { value: 'password_', label: 'Password changes and resets' },
  { value: 'mfa.', label: 'MFA events' },
  { value: 'mfa.push_reported', label: '“This wasn’t me” reports' },
  { value: 'security_questions_set', label: 'Security questions' },
];

/** `YYYY-MM-DD` from a date input → the start of that day, local time, as ISO. */
function dayStart(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** *Administration → Activity*: the audit log, filterable, exportable as CSV. */
export function AdminActivity() {
  const events = useAdminStore((s) => s.activity);
  const error = useAdminStore((s) => s.activityError);
  const setFilter = useAdminStore((s) => s.setActivityFilter);
  const load = useAdminStore((s) => s.loadActivity);
  const exportCsv = useAdminStore((s) => s.exportActivity);
  const [type, setType] = useState('');
  const [username, setUsername] = useState('');
  const [text, setText] = useState('');
  const [since, setSince] = useState('');
  const [exported, setExported] = useState<string | null>(null);
  const ids = { type: useId(), user: useId(), text: useId(), since: useId() };

  useEffect(() => {
    void load();
  }, [load]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const sinceIso = dayStart(since);
    setFilter({
      type,
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(text.trim() ? { text: text.trim() } : {}),
      ...(sinceIso ? { since: sinceIso } : {}),
    });
    void load();
  };

  const onExport = async () => {
    const file = await exportCsv();
    if (file) {
      saveFile(file.filename, file.csv, 'text/csv');
      setExported(`Exported ${file.filename}.`);
    }
  };

  return (
    <section aria-label="Activity" className="admin-section">
      <form className="admin-filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor={ids.type}>Event type</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value)}>
            {TYPE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.user}>User</label>
          <input id={ids.user} value={username} maxLength={128} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.text}>Contains</label>
          <input id={ids.text} value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.since}>Since</label>
          <input id={ids.since} type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <button type="submit" className="button secondary">
          Filter
        </button>
        <button type="button" className="button secondary" onClick={() => void onExport()}>
          Export CSV
        </button>
      </form>
      {exported && <p role="status">{exported}</p>}
      <FormError message={error} />
      {events.length === 0 ? (
        <p className="muted">No events match.</p>
      ) : (
        <DataTable label="Activity" columns={['Time', 'Event', 'By', 'User', 'Details']}>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{formatDateTime(event.at)}</td>
              <td>{event.type}</td>
              <td>{event.actor}</td>
              <td>{event.username ?? ''}</td>
              <td>
                {Object.entries(event.detail)
                  .map(([key, value]) => `${key}: ${value}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
