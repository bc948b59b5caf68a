import { SecurityQuestionsDialog } from '../features/security-questions/SecurityQuestionsDialog';
import { ChangePasswordDialog } from '../features/password/ChangePasswordDialog';

/** The account menu's dialogs (*Change password…*, *Security questions…*). */
export function PasswordDialogs() {
  return (
    <>
      <ChangePasswordDialog />
      <SecurityQuestionsDialog />
    </>
  );
}
