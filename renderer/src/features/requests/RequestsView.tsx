import { useCallback } from 'react';
import { RequestForm } from './RequestForm';
import { STATUS_LABELS } from '../../ui/request-messages';
import { usePolling } from '../../lib/use-polling';
import { REQUESTS_POLL_MS, useRequestsStore } from './use-requests-store';
import { DataTable, FormError } from '../../ui/DataTable';
import { formatDateTime } from '../../lib/time-format';

/** *Request a new user* and *My requests* (the status updates live while shown). */
export function RequestsView() {
  const mine = useRequestsStore((s) => s.mine);
  const loaded = useRequestsStore((s) => s.loaded);
  const loadError = useRequestsStore((s) => s.loadError);
  const load = useCallback(() => useRequestsStore.getState().load(), []);
  usePolling(load, REQUESTS_POLL_MS);

  return (
    <div className="requests-view">
      <RequestForm />
      <section className="card" aria-labelledby="my-requests-title">
        <h2 id="my-requests-title">My requests</h2>
        <FormError message={loadError} />
        {loaded && mine.length === 0 && <p className="muted">You have not requested any users yet.</p>}
        {mine.length > 0 && (
          <DataTable label="My requests" columns={['Name', 'E-mail', 'Requested', 'Status']}>
            {mine.map((request) => (
              <tr key={request.id}>
                <td>{request.fullName}</td>
                <td>{request.email}</td>
                <td>{formatDateTime(request.createdAt)}</td>
                <td>
                  <span className={`status-badge status-${request.status}`}>{STATUS_LABELS[request.status]}</span>
                  {request.status === 'declined' && request.declineReason && (
                    <span className="decline-reason"> — {request.declineReason}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
