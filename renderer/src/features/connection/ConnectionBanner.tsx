import { useShallow } from 'zustand/react/shallow';
import { useConnectionStore } from './use-connection-store';

/** A visible notice with **Retry** while calls to the portal fail to connect. */
export function ConnectionBanner() {
  const { problem, retrying, retry } = useConnectionStore(
    useShallow((s) => ({ problem: s.problem, retrying: s.retrying, retry: s.retry })),
  );
  return (
    <div role="alert" className={problem ? 'banner error' : 'visually-empty'}>
      {problem && (
        <>
          <span>{problem}</span>
          <button
            type="button"
            className="button secondary small"
            aria-disabled={retrying || undefined}
            onClick={() => void retry()}
          >
            Retry
          </button>
        </>
      )}
    </div>
  );
}
