import type { ApprovedAccount } from '../../../../common/contract';
import { TemporaryPasswordCard } from './TemporaryPasswordCard';

/**
 * Shows a just-created account's temporary password ONCE, with *Copy* and the
 * reminder to send it separately from the username. *Done* forgets it.
 */
export function ApprovedAccountDialog({ account, onDone }: { account: ApprovedAccount; onDone(): void }) {
  return (
    <TemporaryPasswordCard
      title={`Account created for ${account.request.fullName}`}
      username={account.username}
      password={account.temporaryPassword}
      onDone={onDone}
      reminder={
        <>
          Send the temporary password separately from the username — for example the username by e-mail to {account.request.email}{' '}
          and the password by phone. It will not be shown again; the user must change it at first sign-in.
        </>
      }
    />
  );
}
