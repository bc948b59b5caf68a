import type { AdminUser } from '../../../../common/contract';
import { formatDateTime, formatTime } from '../../lib/time-format';

/** The status words of one account, most important first. */
export function userStatusLabels(user: AdminUser, now: Date = new Date()): string[] {
  const labels: string[] = [];
  if (user.status === 'disabled') labels.push('Disabled');
  if (user.locked) labels.push(user.lockedUntil ? `Locked until ${formatTime(user.lockedUntil)}` : 'Locked');
  if (user.pendingActivation) labels.push('Pending activation');
  else if (user.mustChangePassword) labels.push('Must change password');
  if (labels.length === 0) labels.push('Active');
  if (user.temporaryPasswordExpiresAt !== null) {
    const until = new Date(user.temporaryPasswordExpiresAt);
    labels.push(
      until.getTime() <= now.getTime()
        ? 'Temporary password expired'
        : `Temporary password works until ${formatDateTime(until)}`,
    );
  }
  if (user.passwordExpiresInDays !== null) {
    labels.push(user.passwordExpiresInDays === 0 ? 'Password expired' : `Password expires in ${user.passwordExpiresInDays} days`);
  }
  labels.push(user.mfaDevices === 1 ? '1 MFA device' : `${user.mfaDevices} MFA devices`);
  return labels;
}
