import { useDiagnosticsStore } from './use-diagnostics-store';

/** Polite live region announcing the outcome of *Save diagnostics…*. */
export function DiagnosticsStatus() {
  const message = useDiagnosticsStore((s) => s.message);
  const clear = useDiagnosticsStore((s) => s.clear);
  return (
    <div role="status" aria-live="polite" className={message ? 'message info diagnostics-status' : 'visually-empty'}>
      {message && (
        <>
          <span>{message}</span>
          <button type="button" className="icon-button" aria-label="Dismiss diagnostics message" onClick={clear}>
            <span aria-hidden="true">×</span>
          </button>
        </>
      )}
    </div>
  );
}
