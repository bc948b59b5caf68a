/** Channel → service call for passwords, security questions and resets. */
import type { Handlers } from './handler-types';
import type { PasswordChannel } from './password-schemas';
import type { PasswordService } from '../services/auth/password-service';
import type { ResetService } from '../services/auth/reset-service';

/** The password, security-question and reset part of the handler table. */
export function createPasswordHandlers(
  passwords: PasswordService,
  reset: ResetService,
): Pick<Handlers, PasswordChannel> {
  return {
    'password:get-policy': () => passwords.policy(),
    'password:get-status': () => passwords.refreshStatus(),
    'password:change': (request) => passwords.change(request),
    'auth:set-new-password': (request) => passwords.setNewPassword(request.newPassword),
    'auth:set-security-questions': (request) => passwords.setSecurityQuestions(request),
    'security-questions:list': () => passwords.questions(),
    'security-questions:current': () => passwords.currentQuestions(),
    'security-questions:update': (request) => passwords.updateSecurityQuestions(request),
    'reset:start': (request) => reset.start(request),
    'reset:answer': (request) => reset.answer(request.answers),
    'reset:passcode': (request) => reset.passcode(request.code),
    'reset:push-start': () => reset.startPush(),
    'reset:push-wait': () => reset.waitPush(),
    'reset:push-cancel': () => reset.cancelPush(),
    'reset:set-password': (request) => reset.setPassword(request.newPassword),
    'reset:cancel': () => reset.cancel(),
  };
}
