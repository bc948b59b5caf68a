import { useState } from 'react';
import type { ConflictChoice } from '../../../../common/contract';
import { Dialog } from '../../ui/Dialog';
import { formatBytes, formatDate } from './format';
import { useTransfersStore } from './use-transfers-store';

const CHOICES: { choice: ConflictChoice; label: string }[] = [
  { choice: 'overwrite', label: 'Overwrite' },
  { choice: 'overwrite-if-newer', label: 'Overwrite if newer' },
  { choice: 'resume', label: 'Resume' },
  { choice: 'rename', label: 'Rename' },
  { choice: 'skip', label: 'Skip' },
];

/** Asks what to do when the target already exists (one conflict at a time). */
export function ConflictDialog() {
  const conflict = useTransfersStore((s) => s.conflicts[0] ?? null);
  const resolve = useTransfersStore((s) => s.resolveConflict);
  const [applyToAll, setApplyToAll] = useState(false);
  if (!conflict) return null;
  const where = conflict.direction === 'upload' ? 'on the portal' : 'on this computer';
  const answer = (choice: ConflictChoice) => {
    void resolve(conflict.itemId, choice, applyToAll);
    setApplyToAll(false);
  };
  return (
    <Dialog title="The file already exists" onCancel={() => answer('skip')} className="transfers-dialog" backdropClassName="transfers-backdrop" titleClassName="transfers-dialog-title">
      <p>
        “{conflict.name}” already exists {where}.
      </p>
      <dl className="transfers-conflict-facts">
        <dt>Existing</dt>
        <dd>
          {formatBytes(conflict.existingSize)}, {formatDate(conflict.existingModifiedAt)}
        </dd>
        <dt>New</dt>
        <dd>
          {formatBytes(conflict.incomingSize)}, {formatDate(conflict.incomingModifiedAt)}
        </dd>
      </dl>
      <div className="transfers-dialog-actions">
        {CHOICES.map(({ choice, label }) => (
          <button key={choice} type="button" className={`button ${choice === 'overwrite' ? 'primary' : 'secondary'}`} onClick={() => answer(choice)}>
            {label}
          </button>
        ))}
      </div>
      <label className="transfers-check">
        <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} /> Apply to all in this batch
      </label>
    </Dialog>
  );
}
