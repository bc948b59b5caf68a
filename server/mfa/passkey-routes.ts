/**
 * Passkey routes: the portal's passkey page (`/passkey/`, where the WebAuthn
 * ceremony runs on the portal's own origin) and the client's endpoints that
 * start a ceremony and wait for its result: signing in (step `mfa`), adding
 * one in activation (step `enroll`) and on the devices page (with a step-up).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { endpoints } from '../../common/api';
import type { AppContext, PortalPlugin } from '../app-context';
import { revokeRememberedDevices } from '../auth/remember-me';
import { TOKEN_PATTERN } from '../auth/tokens';
import { portalError } from '../errors';
import { route } from '../route';
import { parseInput } from '../validation';
import { afterMfaChange, requireStepUp } from './account-routes';
import { isSameOrigin } from './approver-page';
import { listDevices } from './devices';
import { lockoutFor } from './factor-check';
import { finish, flowAt } from './flow-routes';
import { PASSKEY_CSS, PASSKEY_HTML, PASSKEY_JS, webauthnBrowserBundle } from './passkey-assets';
import { ceremonyDevice, ceremonyOptions, findCeremony, finishCeremony, portalRelyingParty, startCeremony, waitForCeremony, type CeremonyView } from './passkeys';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const tokenBody = z.object({ token: z.string().min(1).max(128) });
// The authenticator's answer is checked by the WebAuthn verifier; here only its size is bounded.
const finishBody = z.object({ token: z.string().min(1).max(128), response: z.record(z.string(), z.unknown()) });

function pageToken(token: string): string {
  if (!TOKEN_PATTERN.test(token)) throw portalError('not_found', 'This passkey request has expired or was already used. Start again from Portico.');
  return token;
}

/** Long poll on a ceremony, freed when the client goes away. */
async function waitOn(ctx: AppContext, ceremony: CeremonyView, reply: FastifyReply): Promise<CeremonyView> {
  const gone = new AbortController();
  const onClose = (): void => gone.abort();
  reply.raw.once('close', onClose);
  if (reply.raw.destroyed || reply.raw.socket?.destroyed) gone.abort();
  try {
    const longest = ctx.config.mfa.longPollSeconds * 1000;
    return (await waitForCeremony(ctx, ceremony.id, longest - Math.floor(Math.random() * longest * 0.2), gone.signal)) ?? ceremony;
  } finally {
    reply.raw.off('close', onClose);
  }
}

function waitAnswer(ceremony: CeremonyView) {
  return { state: ceremony.state, expiresAt: ceremony.expiresAt.toISOString(), ...(ceremony.message ? { message: ceremony.message } : {}) };
}

/** The passkey page and its API (prefix `/passkey`). */
export const passkeyPageRoutes: PortalPlugin = {
  name: 'passkey-page',
  prefix: '/passkey',
  register(app, ctx) {
    const bundle = webauthnBrowserBundle();
    const page = (contentType: string, body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .header('content-security-policy', CSP)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('x-frame-options', 'DENY')
        .type(contentType)
        .send(body);
    // Only the page itself may post its ceremony's answer (see the approver page).
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'POST') return;
      const rp = portalRelyingParty(ctx);
      if (!isSameOrigin(request, rp.origin)) throw portalError('forbidden', 'This request did not come from the passkey page.');
    });
    app.get('/', page('text/html; charset=utf-8', PASSKEY_HTML));
    app.get('/app.js', page('text/javascript; charset=utf-8', PASSKEY_JS));
    app.get('/app.css', page('text/css; charset=utf-8', PASSKEY_CSS));
    app.get('/webauthn.js', page('text/javascript; charset=utf-8', bundle));

    app.post('/api/options', async (request, reply) => {
      const body = parseInput(tokenBody, request.body);
      reply.header('cache-control', 'no-store');
      return ceremonyOptions(ctx.db, pageToken(body.token), ctx.clock.now());
    });

    app.post('/api/finish', async (request, reply) => {
      const body = parseInput(finishBody, request.body);
      reply.header('cache-control', 'no-store');
      const outcome = await finishCeremony(ctx, pageToken(body.token), body.response);
      return outcome.ok ? { ok: true } : { ok: false, message: outcome.message };
    });
  },
};

/** The client's passkey endpoints (sign-in flow and devices page). */
export const passkeyClientRoutes: PortalPlugin = {
  name: 'passkey-client',
  register(app, ctx) {
    const ceremonyFor = async (id: string, check: (c: CeremonyView) => boolean): Promise<CeremonyView> => {
      const found = await findCeremony(ctx.db, id, ctx.clock.now());
      if (!found || !check(found)) throw portalError('not_found', 'No such passkey request.');
      return found;
    };

    route(app, endpoints.flowPasskey, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'mfa');
      await lockoutFor(ctx).assertNotLocked(flow.user.username);
      const started = await startCeremony(ctx, flow.user, 'authenticate', { flowId: flow.flowId });
      return { ceremony: { id: started.id, url: started.url, expiresAt: started.expiresAt.toISOString() } };
    });

    route(app, endpoints.flowPasskeyWait, async (_request, reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      const ceremony = await ceremonyFor(body.ceremonyId, (c) => c.flowId === flow.flowId && c.kind === 'authenticate');
      const settled = await waitOn(ctx, ceremony, reply);
      if (settled.state !== 'done') return waitAnswer(settled);
      // Locked meanwhile (other failures): the passkey does not open the door either.
      await lockoutFor(ctx).assertNotLocked(flow.user.username);
      const current = await flowAt(ctx, body.flowToken, 'mfa').catch(() => null);
      if (!current) return waitAnswer(settled);
      await ctx.signIn.markFactorVerified(flow.flowId);
      return { ...waitAnswer(settled), next: await finish(ctx, current, body.flowToken, body.remember ?? false) };
    });

    route(app, endpoints.flowEnrollPasskey, async (_request, _reply, input) => {
      const body = input.body();
      const flow = await flowAt(ctx, body.flowToken, 'enroll');
      const started = await startCeremony(ctx, flow.user, 'register', { flowId: flow.flowId });
      return { ceremony: { id: started.id, url: started.url, expiresAt: started.expiresAt.toISOString() } };
    });

    route(app, endpoints.flowEnrollPasskeyWait, async (_request, reply, input) => {
      const body = input.body();
      const flow = await ctx.signIn.load(body.flowToken);
      const ceremony = await ceremonyFor(body.ceremonyId, (c) => c.flowId === flow.flowId && c.kind === 'register');
      const settled = await waitOn(ctx, ceremony, reply);
      if (settled.state !== 'done') return waitAnswer(settled);
      const device = await ceremonyDevice(ctx.db, settled);
      await revokeRememberedDevices(ctx.db, flow.user.id, ctx.clock.now());
      // Creating a passkey with user verification proves it, like a confirmed code.
      if (flow.step === 'enroll') await ctx.signIn.markFactorVerified(flow.flowId);
      return { ...waitAnswer(settled), ...(device ? { device } : {}), next: await ctx.signIn.resume(body.flowToken) };
    });

    route(app, endpoints.accountPasskey, async (request, _reply, input) => {
      const current = await ctx.requireSession(request);
      const body = input.body();
      await requireStepUp(ctx, current, body.stepUpToken);
      const started = await startCeremony(ctx, current.user, 'register', { sessionHash: current.tokenHash });
      return { ceremony: { id: started.id, url: started.url, expiresAt: started.expiresAt.toISOString() } };
    });

    route(app, endpoints.accountPasskeyWait, async (request, reply, input) => {
      const current = await ctx.requireSession(request);
      const body = input.body();
      const ceremony = await ceremonyFor(body.ceremonyId, (c) => c.sessionHash === current.tokenHash && c.kind === 'register');
      const settled = await waitOn(ctx, ceremony, reply);
      if (settled.state !== 'done') return waitAnswer(settled);
      const device = await ceremonyDevice(ctx.db, settled);
      await afterMfaChange(ctx, current);
      return { ...waitAnswer(settled), ...(device ? { device } : {}), devices: await listDevices(ctx.db, current.user.id) };
    });
  },
};
