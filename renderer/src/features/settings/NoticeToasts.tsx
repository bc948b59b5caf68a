import { useEffect } from 'react';
import './settings.css';
import { useDialogStack } from '../../ui/dialog-stack';
import { useNoticesStore } from './use-notices-store';

/**
 * The in-app notices (browser host without notification permission): a polite
 * live region, each notice dismissable with its own button. Each goes by
 * itself after a few seconds; the clock stands still while the pointer or the
 * focus is on them. They sit in a strip above the screen (see `App`), never
 * over it; while a dialog is open they stay hidden (and their clocks still),
 * as the dialog's backdrop would hide them anyway.
 */
export function NoticeToasts() {
  const toasts = useNoticesStore((s) => s.toasts);
  const dismiss = useNoticesStore((s) => s.dismiss);
  const pause = useNoticesStore((s) => s.pause);
  const resume = useNoticesStore((s) => s.resume);
  const dialogOpen = useDialogStack((s) => s.open > 0);
  useEffect(() => {
    if (!dialogOpen) return undefined;
    pause('dialog');
    return () => resume('dialog');
  }, [dialogOpen, pause, resume]);
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label="Notifications"
      className="notice-toasts"
      hidden={dialogOpen}
      onPointerEnter={() => pause('pointer')}
      onPointerLeave={() => resume('pointer')}
      onFocus={() => pause('focus')}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) resume('focus');
      }}
    >
      {toasts.map((toast) => (
        <div key={toast.id} className="notice-toast">
          <p>
            <strong>{toast.title}</strong> {toast.body}
            {toast.count > 1 ? <span className="notice-count"> (×{toast.count})</span> : null}
          </p>
          <button
            type="button"
            className="icon-button"
            aria-label={`Dismiss: ${toast.title}`}
            onClick={() => dismiss(toast.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
