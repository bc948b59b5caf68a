import { useShallow } from 'zustand/react/shallow';
import { describeFeedback } from './launch-feedback';
import { useLauncherStore } from './use-launcher-store';

/** The polite live region that reports launches ("Starting …", "… started"). */
export function LaunchStatus() {
  const { feedback, launch, clearFeedback } = useLauncherStore(
    useShallow((s) => ({ feedback: s.feedback, launch: s.launch, clearFeedback: s.clearFeedback })),
  );
  const tone = feedback?.kind === 'failed' || feedback?.kind === 'no-client' ? 'warning' : 'info';
  return (
    <div role="status" aria-live="polite" className={feedback ? `launch-status ${tone}` : 'launch-status empty'}>
      {feedback && (
        <>
          {feedback.kind === 'starting' && <span className="spinner" aria-hidden="true" />}
          <span>{describeFeedback(feedback)}</span>
          {feedback.kind === 'no-client' && feedback.webAvailable && (
            <button type="button" className="link-button" onClick={() => void launch(feedback.appId, 'web')}>
              Use the light version instead
            </button>
          )}
          {feedback.kind !== 'starting' && (
            <button type="button" className="icon-button" aria-label="Dismiss message" onClick={clearFeedback}>
              <span aria-hidden="true">×</span>
            </button>
          )}
        </>
      )}
    </div>
  );
}
