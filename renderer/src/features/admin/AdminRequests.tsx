import { useCallback, useId, useState } from 'react';
import type { AdminUserRequest } from '../../../../common/contract';
import { usePolling } from '../../lib/use-polling';
import { ApprovedAccountDialog } from './ApprovedAccountDialog';
import { useAdminStore } from './use-admin-store';
import { FormError } from '../../ui/DataTable';
import { formatDateTime } from '../../lib/time-format';

/** How often the pending list refreshes while shown. */
const PENDING_POLL_MS = 10_000;

/** One pending request: editable suggested username, *Approve*, or *Decline* with a reason. */
function PendingRequest({ request }: { request: AdminUserRequest }) {
  const approve = useAdminStore((s) => s.approve);
  const decline = useAdminStore((s) => s.decline);
  const busy = useAdminStore((s) => s.busyRequest === request.id);
  const [username, setUsername] = useState(request.suggestedUsername ?? '');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const ids = { username: useId(), reason: useId() };

  return (
    <li className="card pending-request" aria-label={`Request for ${request.fullName}`}>
      <div>
        <strong>{request.fullName}</strong> &lt;{request.email}&gt;
        <div className="muted">
          Requested by {request.requestedBy.join(', ')} on {formatDateTime(request.createdAt)}
          {request.timesRequested > 1 ? ` (asked ${request.timesRequested} times)` : ''}
        </div>
        {request.note && <p className="request-note">“{request.note}”</p>}
      </div>
      <form
        className="admin-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void approve(request.id, username.trim());
        }}
      >
        <div className="field">
          <label htmlFor={ids.username}>Username for {request.fullName}</label>
          <input id={ids.username} value={username} maxLength={128} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="admin-row-actions">
          <button type="submit" className="button" disabled={busy || !username.trim()}>
            Approve
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={() => setDeclining((v) => !v)} aria-expanded={declining}>
            Decline…
          </button>
        </div>
      </form>
      {declining && (
        <form
          className="admin-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim()) void decline(request.id, reason.trim());
          }}
        >
          <div className="field">
            <label htmlFor={ids.reason}>Reason for declining (the requester sees it)</label>
            <textarea id={ids.reason} value={reason} maxLength={500} rows={2} onChange={(e) => setReason(e.target.value)} />
          </div>
          <button type="submit" className="button secondary" disabled={busy || !reason.trim()}>
            Decline request
          </button>
        </form>
      )}
    </li>
  );
}

/** *Administration → Requests*. */
export function AdminRequests() {
  const requests = useAdminStore((s) => s.requests);
  const error = useAdminStore((s) => s.requestsError);
  const approved = useAdminStore((s) => s.approved);
  const dismiss = useAdminStore((s) => s.dismissApproved);
  const load = useCallback(() => useAdminStore.getState().loadRequests(), []);
  usePolling(load, PENDING_POLL_MS);

  return (
    <section aria-label="Requests" className="admin-section">
      {approved && <ApprovedAccountDialog account={approved} onDone={dismiss} />}
      <FormError message={error} />
      {requests.length === 0 ? (
        <p className="muted">No pending requests.</p>
      ) : (
        <ul className="plain-list">
          {requests.map((request) => (
            <PendingRequest key={request.id} request={request} />
          ))}
        </ul>
      )}
    </section>
  );
}
