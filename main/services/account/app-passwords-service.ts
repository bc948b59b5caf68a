/**
 * FTPS app passwords on *My Settings & Devices*: thin calls to the portal's
 * `/account/app-passwords` API through the signed-in session, each answer
 * validated by its endpoint's schema. A new password passes through main
 * once, to the renderer that shows it; main neither keeps nor logs it.
 */
import { endpoints, type AppPasswordsWire, type EndpointSpec, type ResponseOf } from '../../../common/api';
import type { AppPasswordsView, CreatedAppPassword } from '../../../common/contract';
import type { CallInput, PortalApi } from '../portal/client';
import type { SessionService } from '../auth/session-service';

function toView(wire: AppPasswordsWire): AppPasswordsView {
  return {
    appPasswords: wire.appPasswords.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
    limit: wire.limit,
    connection: { ...wire.connection },
  };
}

/** The signed-in user's app passwords. */
export class AppPasswordsService {
  constructor(private readonly deps: { portal: PortalApi; session: SessionService }) {}

  async list(): Promise<AppPasswordsView> {
    return toView(await this.call(endpoints.appPasswords));
  }

  async create(name: string): Promise<CreatedAppPassword> {
    const made = await this.call(endpoints.createAppPassword, { body: { name } });
    const { id, createdAt, lastUsedAt } = made.appPassword;
    return { appPassword: { id, name: made.appPassword.name, createdAt, lastUsedAt }, password: made.password };
  }

  async revoke(id: string): Promise<AppPasswordsView> {
    return toView(await this.call(endpoints.revokeAppPassword, { params: { id }, body: {} }));
  }

  private call<E extends EndpointSpec>(endpoint: E, input: CallInput<E> = {}): Promise<ResponseOf<E>> {
    return this.deps.session.authorized((target) => this.deps.portal.call(target, endpoint, input));
  }
}
