import { SecurityQuestionsDialog } from '../security-questions/SecurityQuestionsDialog';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The account menu's dialogs (*Change password…*, *Security questions…*). */
export function PasswordDialogs() {
  return (
    <>
      <ChangePasswordDialog />
      <SecurityQuestionsDialog />
    </>
  );
}
