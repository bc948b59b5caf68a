/** FTPS app passwords: channel → service call (arguments already validated by the router). */
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../common/contract';
import type { AppPasswordsService } from '../services/account/app-passwords-service';

type AppPasswordChannel = Extract<InvokeChannel, `app-passwords:${string}`>;
type AppPasswordHandlers = { [C in AppPasswordChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C> };

/** The handlers of the `app-passwords:*` channels. */
export function createAppPasswordHandlers(appPasswords: AppPasswordsService): AppPasswordHandlers {
  return {
    'app-passwords:list': () => appPasswords.list(),
    'app-passwords:create': (request) => appPasswords.create(request.name),
    'app-passwords:revoke': (request) => appPasswords.revoke(request.id),
  };
}
