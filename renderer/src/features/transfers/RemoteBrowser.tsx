import { useId, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { RemoteEntry } from '../../../../common/contract';
import { Dialog } from '../../ui/Dialog';
import { prepareDragOut, startDragOut } from './drag-out';
import { formatBytes, formatDate } from './format';
import { checkNewName } from './name-check';
import { childPath, sortEntries, useRemoteStore, type SortKey } from './use-remote-store';
import { FolderIcon } from '../../ui/FolderIcon';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size' },
  { key: 'date', label: 'Modified' },
];

function Breadcrumbs({ path, open }: { path: string; open: (p: string) => void }) {
  const parts = path.split('/').filter(Boolean);
  return (
    <nav aria-label="Folder path" className="transfers-breadcrumbs">
      <ol>
        <li>
          <button type="button" className="link-button" onClick={() => open('/')} aria-current={parts.length === 0 ? 'location' : undefined}>
            My files
          </button>
        </li>
        {parts.map((part, i) => {
          const target = `/${parts.slice(0, i + 1).join('/')}`;
          return (
            <li key={target}>
              <button type="button" className="link-button" onClick={() => open(target)} aria-current={i === parts.length - 1 ? 'location' : undefined}>
                {part}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** A one-field form for a new folder or a new name. */
function NameForm(props: {
  label: string;
  initial: string;
  taken: readonly string[];
  /** Resolves to the portal's refusal, or null once done. */
  submit: (name: string) => Promise<string | null>;
  cancel: () => void;
}) {
  const { label, initial, taken, submit, cancel } = props;
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === initial && initial !== '') return cancel();
    const problem = checkNewName(name, taken, initial || undefined);
    setError(problem);
    if (problem) return;
    setBusy(true);
    void submit(name.trim()).then((refused) => {
      setBusy(false);
      setError(refused);
    });
  };
  return (
    <form className="transfers-name-form" onSubmit={onSubmit} onKeyDown={(e) => e.key === 'Escape' && cancel()} noValidate aria-busy={busy}>
      <label>
        {label}{' '}
        <input
          autoFocus
          value={name}
          maxLength={255}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
      </label>
      <button type="submit" className="button primary small" disabled={busy}>
        Save
      </button>
      <button type="button" className="button secondary small" onClick={cancel}>
        Cancel
      </button>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** The remote file browser of the user's portal folder. */
export function RemoteBrowser({ onDownload, onUploadClick }: { onDownload: (paths: string[]) => void; onUploadClick: () => void }) {
  const { path, entries, loading, error, sort, open, setSort, createFolder, rename, remove, refresh } = useRemoteStore(
    useShallow((s) => ({ ...s })),
  );
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<RemoteEntry | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const sorted = sortEntries(entries, sort);
  const toggle = (name: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  const openFolder = (target: string) => {
    setSelected(new Set());
    void open(target);
  };

  return (
    <section className="transfers-remote" aria-labelledby="remote-title">
      <h2 id="remote-title">Portal files</h2>
      <Breadcrumbs path={path} open={openFolder} />
      <div className="transfers-toolbar">
        <button type="button" className="button secondary small" onClick={onUploadClick}>
          Upload…
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={selected.size === 0}
          onClick={() => onDownload([...selected].map((n) => childPath(path, n)))}
        >
          Download…
        </button>
        <button type="button" className="button secondary small" onClick={() => setCreating(true)}>
          New folder
        </button>
        <button type="button" className="button secondary small" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      {creating && (
        <NameForm
          label="Folder name"
          initial=""
          taken={entries.map((e) => e.name)}
          cancel={() => setCreating(false)}
          submit={(name) =>
            createFolder(name).then((refused) => {
              if (!refused) setCreating(false);
              return refused;
            })
          }
        />
      )}
      {error && (
        <p className="transfers-error" role="alert">
          {error}
        </p>
      )}
      <table className="transfers-table" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">
              <span className="sr-only">Select</span>
            </th>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
                <button type="button" className="link-button" onClick={() => setSort(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 && !loading && (
            <tr>
              <td colSpan={5} className="muted">
                This folder is empty. Drop files here to upload them.
              </td>
            </tr>
          )}
          {sorted.map((entry) => (
            <tr
              key={`${entry.type}:${entry.name}`}
              // Files can be dragged out to the desktop (where the platform allows); *Download* does the same by keyboard.
              draggable={entry.type === 'file' && entry.downloadable}
              onPointerDown={entry.type === 'file' && entry.downloadable ? () => prepareDragOut(childPath(path, entry.name)) : undefined}
              onDragStart={entry.type === 'file' && entry.downloadable ? (e) => startDragOut(childPath(path, entry.name), e.dataTransfer) : undefined}
              data-testid="remote-row"
            >
              <td>
                <input type="checkbox" aria-label={`Select ${entry.name}`} checked={selected.has(entry.name)} disabled={!entry.downloadable} onChange={() => toggle(entry.name)} />
              </td>
              <td>
                {renaming === entry.name ? (
                  <NameForm
                    label="New name"
                    initial={entry.name}
                    taken={entries.map((e) => e.name)}
                    cancel={() => setRenaming(null)}
                    submit={(n) =>
                      rename(entry, n).then((refused) => {
                        if (!refused) setRenaming(null);
                        return refused;
                      })
                    }
                  />
                ) : entry.type === 'dir' && entry.downloadable ? (
                  <button type="button" className="link-button" onClick={() => openFolder(childPath(path, entry.name))} aria-label={`Open folder ${entry.name}`}>
                    <FolderIcon /> {entry.name}
                  </button>
                ) : (
                  <span>{entry.name}</span>
                )}
              </td>
              <td>{entry.type === 'dir' ? '—' : formatBytes(entry.size)}</td>
              <td>{formatDate(entry.modifiedAt)}</td>
              <td>
                {entry.downloadable && (
                  // A flex box inside the cell: a flex <td> stops being a table cell and its border no longer spans the row.
                  <div className="transfers-row-actions">
                    <button type="button" className="button secondary small" aria-label={`Download ${entry.name}`} onClick={() => onDownload([childPath(path, entry.name)])}>
                      Download
                    </button>
                    <button type="button" className="button secondary small" aria-label={`Rename ${entry.name}`} onClick={() => setRenaming(entry.name)}>
                      Rename
                    </button>
                    <button type="button" className="button secondary small" aria-label={`Delete ${entry.name}`} onClick={() => setDeleting(entry)}>
                      Delete
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && (
        <Dialog title={`Delete “${deleting.name}”?`} onCancel={() => setDeleting(null)} className="transfers-dialog" backdropClassName="transfers-backdrop" titleClassName="transfers-dialog-title">
          <p>{deleting.type === 'dir' ? 'The folder and everything in it will be deleted from the portal.' : 'The file will be deleted from the portal.'}</p>
          <div className="transfers-dialog-actions">
            <button type="button" className="button secondary" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                const entry = deleting;
                setDeleting(null);
                void remove(entry);
              }}
            >
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
