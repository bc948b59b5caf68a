import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useOpenDialog } from './dialog-stack';

/** What can take focus inside a dialog (disabled controls are skipped). */
const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.hasAttribute('disabled'));
}

/** Props of {@link Dialog}. */
export interface DialogProps {
  /** The heading, which also names the dialog for assistive technology. */
  title: string;
  /** Escape (and whatever the caller wires to *Cancel*). */
  onCancel(): void;
  children: ReactNode;
  /** Classes of the panel; the default is the app's card dialog. */
  className?: string;
  /** Classes of the backdrop behind it. */
  backdropClassName?: string;
  /** Classes of the heading. */
  titleClassName?: string;
}

/**
 * The app's one modal dialog: labelled by its heading, focus moves in on open
 * (the first control, or the panel itself while it has none) and back where it
 * was on close, Escape cancels, Tab stays inside. A caller that wants another
 * control focused first focuses it from its own effect, which runs after this one.
 */
export function Dialog({
  title,
  onCancel,
  children,
  className = 'card dialog',
  backdropClassName = 'dialog-backdrop',
  titleClassName,
}: DialogProps) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useOpenDialog();
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const panel = ref.current;
    if (panel) (focusables(panel)[0] ?? panel).focus();
    return () => previous?.focus?.();
  }, []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Tab' && ref.current) {
      const focusable = focusables(ref.current);
      const first = focusable[0];
      const last = focusable.at(-1);
      if (!first) {
        event.preventDefault();
      } else if (
        event.shiftKey &&
        (document.activeElement === first || document.activeElement === ref.current)
      ) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };
  return (
    <div className={backdropClassName}>
      <div
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        ref={ref}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} {...(titleClassName ? { className: titleClassName } : {})}>
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
