import './settings.css';
import { useNoticesStore } from './use-notices-store';

/**
 * The in-app notices (browser host without notification permission): a polite
 * live region, each notice dismissable with its own button. They stay until
 * dismissed, so nobody has to read against a timer.
 */
export function NoticeToasts() {
  const toasts = useNoticesStore((s) => s.toasts);
  const dismiss = useNoticesStore((s) => s.dismiss);
  return (
    <div role="status" aria-live="polite" aria-label="Notifications" className="notice-toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className="notice-toast">
          <p>
            <strong>{toast.title}</strong> {toast.body}
          </p>
          <button type="button" className="icon-button" aria-label={`Dismiss: ${toast.title}`} onClick={() => dismiss(toast.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
