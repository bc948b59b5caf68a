/** Shown when the page can't reach Portico's main process at all. */
export function StartupError({ onRetry }: { onRetry: () => void }) {
  return (
    <main className="centered-page">
      <div className="card" role="alert">
        <h1>Portico can't start</h1>
        <p>The app couldn't connect to its background service. Close Portico and open it again.</p>
        <button type="button" className="button primary" onClick={onRetry}>
          Retry
        </button>
      </div>
    </main>
  );
}
