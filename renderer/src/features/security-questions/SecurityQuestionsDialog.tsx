import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../ui/Dialog';
import { useAuthStore } from '../auth/use-auth-store';
import { describePasswordError } from '../../ui/password/password-errors';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { usePortalStore } from '../../lib/use-portal-store';
import { SecurityQuestionsForm } from './SecurityQuestionsForm';
import { useQuestionsStore } from './use-questions-store';

/** Account page: change the security questions (the password is required). */
export function SecurityQuestionsDialog() {
  const { open, list, current, busy, error, saved, close, update } = useQuestionsStore(
    useShallow((s) => ({
      open: s.dialogOpen,
      list: s.list,
      current: s.current,
      busy: s.busy,
      error: s.error,
      saved: s.saved,
      close: s.closeDialog,
      update: s.update,
    })),
  );
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const [password, setPassword] = useState('');
  if (!open) return null;
  const done = () => {
    setPassword('');
    close();
  };
  return (
    <Dialog title="Security questions" onCancel={done} className="card dialog wide-card">
      {!saved && current.length > 0 && (
        <section aria-labelledby="current-questions-heading">
          <h3 id="current-questions-heading">
            Your questions now
          </h3>
          <ol>
            {current.map((question, i) => (
              <li key={`${i}-${question.text}`}>{question.text}</li>
            ))}
          </ol>
          <p className="muted">Your answers are never shown. Choose new questions and answers below.</p>
        </section>
      )}
      {saved ? (
        <>
          <p className="message success" role="status">
            Your security questions were saved.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button primary" onClick={done}>
              OK
            </button>
          </div>
        </>
      ) : list.length === 0 ? (
        <p className="muted" role="status">
          {error ? describePasswordError(error, portalUrl, branding) : 'Loading the questions…'}
        </p>
      ) : (
        <SecurityQuestionsForm
          questions={list}
          busy={busy}
          error={error}
          describeOther={(e) => describePasswordError(e, portalUrl, branding)}
          submitLabel="Save"
          canSubmit={password !== ''}
          onSubmit={(request) => void update(password, request)}
          onCancel={done}
          extra={
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
            />
          }
        />
      )}
    </Dialog>
  );
}
