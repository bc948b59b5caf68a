import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AppPassword, CreatedAppPassword, FtpsConnection } from '../../../../common/contract';
import { formatDateTime } from '../../lib/time-format';
import { copyText } from '../../ui/copy-text';
import { saveFileZillaSite } from './filezilla-site';
import { MAX_APP_PASSWORD_NAME, useAppPasswordsStore } from './use-app-passwords-store';
import './app-passwords.css';

/** The name of the site FileZilla shows after the import. */
const SITE_NAME = 'Portal files (FTPS)';

/** The password just made, shown this once with *Copy*; *Done* forgets it. */
function CreatedCard(props: { created: CreatedAppPassword; onDone(): void }) {
  const titleId = useId();
  const fieldId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);
  const onCopy = async () => {
    const ok = await copyText(props.created.password, inputRef.current);
    setCopyStatus(ok ? 'Copied to the clipboard.' : 'Could not copy. Select the password and copy it.');
  };
  return (
    <section className="card app-password-created" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h3 id={titleId}>App password for {props.created.appPassword.name}</h3>
      <div className="field">
        <label htmlFor={fieldId}>App password</label>
        <div className="secret-box">
          <input id={fieldId} ref={inputRef} readOnly value={props.created.password} spellCheck={false} autoComplete="off" />
          <button type="button" className="button secondary" onClick={() => void onCopy()}>
            Copy
          </button>
        </div>
      </div>
      <p role="status" className="visually-empty">{copyStatus}</p>
      <p className="reminder">
        <strong>You won&apos;t see it again.</strong> Copy it now and paste it into your FTPS client as the password. If you lose it, revoke it and create a new one.
      </p>
      <button type="button" className="button" onClick={props.onDone}>
        Done
      </button>
    </section>
  );
}

/** *Create app password*: the name, with the portal's refusal next to the field. */
function CreateForm(props: { busy: boolean; inputRef: React.RefObject<HTMLInputElement | null>; onCreate(name: string): Promise<string | null> }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { input: useId(), error: useId(), hint: useId() };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (props.busy) return;
    const refusal = await props.onCreate(name);
    if (refusal) {
      setError(refusal);
      props.inputRef.current?.focus();
    } else {
      setName('');
      setError(null);
    }
  };
  return (
    <form className="app-password-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={ids.input}>Name of the new app password</label>
        <input
          id={ids.input}
          ref={props.inputRef}
          type="text"
          value={name}
          maxLength={MAX_APP_PASSWORD_NAME + 20}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${ids.error} ${ids.hint}` : ids.hint}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <span id={ids.hint} className="muted small">
          Say where you use it, for example &quot;FileZilla on my laptop&quot;.
        </span>
        {error && (
          <span id={ids.error} className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <button type="submit" className="button primary" aria-disabled={props.busy || undefined}>
        Create app password
      </button>
    </form>
  );
}

/** One row: name, created, last use, and *Revoke* with an inline confirmation. */
function AppPasswordRow(props: { appPassword: AppPassword; busy: boolean; onRevoke(): Promise<boolean>; onRevoked(): void }) {
  const { appPassword } = props;
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) revokeRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setConfirming(false);
    }
  };
  return (
    <li>
      <div className="app-password-info">
        <strong>{appPassword.name}</strong>
        <span className="muted small">
          Created {formatDateTime(appPassword.createdAt)} · {appPassword.lastUsedAt ? `Last used ${formatDateTime(appPassword.lastUsedAt)}` : 'Never used'}
        </span>
      </div>
      {confirming ? (
        <div className="app-password-confirm" role="group" aria-label={`Revoke ${appPassword.name}?`} onKeyDown={onKeyDown}>
          <span className="small">Revoke it? Clients using it can no longer sign in.</span>
          <span className="button-row">
            <button
              ref={confirmRef}
              type="button"
              className="button danger small"
              aria-disabled={props.busy || undefined}
              onClick={() => {
                if (props.busy) return;
                void props.onRevoke().then((done) => (done ? props.onRevoked() : setConfirming(false)));
              }}
            >
              Revoke {appPassword.name}
            </button>
            <button type="button" className="button secondary small" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        </div>
      ) : (
        <button ref={revokeRef} type="button" className="button secondary small" aria-label={`Revoke ${appPassword.name}`} onClick={() => setConfirming(true)}>
          Revoke
        </button>
      )}
    </li>
  );
}

/** Host, port, encryption, username and the certificate to trust, plus the FileZilla site file. */
function ConnectionDetails(props: { connection: FtpsConnection }) {
  const { connection } = props;
  return (
    <div className="ftps-connection">
      <h3 id="ftps-connection-h">Connection details</h3>
      <dl aria-labelledby="ftps-connection-h">
        <dt>Host</dt>
        <dd>
          <code>{connection.host}</code>
        </dd>
        <dt>Port (FTPS)</dt>
        <dd>
          <code>{connection.port}</code>
        </dd>
        <dt>Encryption</dt>
        <dd>Explicit TLS (FTPES): in FileZilla, &quot;Require explicit FTP over TLS&quot;</dd>
        <dt>Username</dt>
        <dd>
          <code>{connection.username}</code>
        </dd>
        <dt>Certificate fingerprint (SHA-256)</dt>
        <dd>
          <code className="fingerprint">{connection.fingerprint256}</code>
        </dd>
      </dl>
      <p className="muted small">The first time you connect, your client shows the portal&apos;s certificate. Accept it only if its SHA-256 fingerprint is the one above.</p>
      <button type="button" className="button secondary" onClick={() => saveFileZillaSite(connection, SITE_NAME)}>
        Download FileZilla site file
      </button>
      <p className="muted small">In FileZilla: File → Import. The file holds no password; FileZilla asks for the app password when it connects.</p>
    </div>
  );
}

/** *App passwords* on *My Settings & Devices*: FTPS access for FileZilla, WinSCP, lftp or rclone. */
export function AppPasswordsSection() {
  const s = useAppPasswordsStore(useShallow((st) => ({ view: st.view, unavailable: st.unavailable, busy: st.busy, error: st.error, notice: st.notice, created: st.created })));
  const store = useAppPasswordsStore.getState();
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void useAppPasswordsStore.getState().load();
    // What was shown once is not shown again when the page is opened later.
    return () => useAppPasswordsStore.setState({ created: null, notice: null, error: null });
  }, []);
  if (s.unavailable) return null;
  const view = s.view;
  return (
    <section aria-labelledby="app-passwords-h" className="app-passwords">
      <h2 id="app-passwords-h">App passwords</h2>
      <p>
        FileZilla, WinSCP, lftp and other FTPS clients sign in with your username and an app password instead of your portal password. Create one per client, so you can revoke it alone.
      </p>
      <div role="alert" className={s.error ? 'message error' : 'visually-empty'}>
        {s.error}
      </div>
      <p role="status" className={s.notice ? 'message success' : 'visually-empty'}>
        {s.notice}
      </p>
      {s.created && (
        <CreatedCard
          created={s.created}
          onDone={() => {
            store.dismissCreated();
            nameRef.current?.focus();
          }}
        />
      )}
      {view && (
        <>
          {view.appPasswords.length === 0 ? (
            <p className="muted">You have no app passwords yet.</p>
          ) : (
            <ul className="device-list app-password-list" aria-label="Your app passwords">
              {view.appPasswords.map((p) => (
                <AppPasswordRow key={p.id} appPassword={p} busy={s.busy} onRevoke={() => store.revoke(p.id)} onRevoked={() => nameRef.current?.focus()} />
              ))}
            </ul>
          )}
          <p className="muted small">
            {view.appPasswords.length} of {view.limit} app passwords in use.
          </p>
          <CreateForm busy={s.busy} inputRef={nameRef} onCreate={(name) => store.create(name)} />
          <ConnectionDetails connection={view.connection} />
        </>
      )}
    </section>
  );
}
