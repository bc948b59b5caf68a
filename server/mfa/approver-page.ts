/**
 * The approver: a small mobile web page the portal serves (`/approver`). A
 * one-time link shown as a QR code during enrollment binds the phone's
 * browser (an HttpOnly, SameSite=Strict cookie holding a random device token,
 * stored hashed); the page then lists that account's pending pushes with app,
 * address and time, and answers *Approve* (of a verified push, only with
 * the code the sign-in screen shows), *Deny* or *This wasn't me*
 * (`push-answer.ts`). Denials, wrong codes and reports count toward lockout
 * and are audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PortalPlugin } from '../app-context';
import { newToken, tokenDigest, TOKEN_PATTERN } from '../auth/tokens';
import { portalError } from '../errors';
import { parseInput } from '../validation';
import { APPROVER_CSS, APPROVER_HTML, APPROVER_JS } from './approver-assets';
import { recordAudit } from './audit';
import { answerFromPhone } from './push-answer';
import { findPush, pendingPushes } from './push-store';

/** Cookie holding the phone's device token. */
export const APPROVER_COOKIE = 'portico_approver';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function cookieToken(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === APPROVER_COOKIE) {
      const value = rest.join('=');
      return TOKEN_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}

interface ApproverDevice {
  id: string;
  user_id: string;
  name: string;
  status: string;
}

const bindBody = z.object({ bindToken: z.string().min(1).max(128) });
const answerBody = z.object({ answer: z.enum(['approve', 'deny', 'report']), code: z.string().max(16).optional() });

/**
 * Whether a request comes from the portal's own pages: its Origin, when sent,
 * is the portal's public origin or the origin the request was addressed to;
 * without Origin, a browser's Sec-Fetch-Site must say same-origin. A request
 * with neither is not a browser's cross-site request (no cookie-riding).
 */
export function isSameOrigin(request: FastifyRequest, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    const own = new Set([new URL(publicUrl).origin, `${request.protocol}://${request.host}`]);
    return own.has(origin);
  }
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Routes of the approver page (prefix `/approver`). */
export const approverRoutes: PortalPlugin = {
  name: 'approver',
  prefix: '/approver',
  register(app, ctx) {
    const device = async (request: FastifyRequest): Promise<ApproverDevice> => {
      const token = cookieToken(request);
      if (!token) throw portalError('session_expired', 'This browser is not linked to an account.');
      const found = await ctx.db.query<ApproverDevice>('SELECT id, user_id, name, status FROM mfa_devices WHERE push_token_hash = $1', [tokenDigest(token)]);
      const row = found.rows[0];
      if (!row) throw portalError('session_expired', 'This browser is not linked to an account.');
      return row;
    };

    const page = (contentType: string, body: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
      reply
        .header('content-security-policy', CSP)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .type(contentType)
        .send(body);

    // The page's state-changing requests come only from the page itself: a
    // browser sends Origin (and Sec-Fetch-Site) on every POST, so another
    // site's form or script is refused before anything is read or changed.
    // The JSON-only content-type rule of the whole portal still applies.
    app.addHook('preHandler', async (request) => {
      if (request.method !== 'POST') return;
      if (!isSameOrigin(request, ctx.publicUrl())) throw portalError('forbidden', 'This request did not come from the approver page.');
    });

    app.get('/', page('text/html; charset=utf-8', APPROVER_HTML));
    app.get('/app.js', page('text/javascript; charset=utf-8', APPROVER_JS));
    app.get('/app.css', page('text/css; charset=utf-8', APPROVER_CSS));

    app.post('/api/bind', async (request, reply) => {
      const body = parseInput(bindBody, request.body);
      const invalid = portalError('not_found', 'This link has expired or was already used. Show the QR code again.');
      if (!TOKEN_PATTERN.test(body.bindToken)) throw invalid;
      const token = newToken();
      const now = ctx.clock.now();
      // Single use: the binding token is cleared in the same statement that binds.
      const bound = await ctx.db.query<{ id: string; user_id: string }>(
        `UPDATE mfa_devices SET push_token_hash = $2, push_bound_at = $3, bind_token_hash = NULL
         WHERE bind_token_hash = $1 AND bind_expires_at > $3 RETURNING id, user_id`,
        [tokenDigest(body.bindToken), tokenDigest(token), now],
      );
      const row = bound.rows[0];
      if (!row) throw invalid;
      await recordAudit(ctx.db, { at: now, actor: 'approver', userId: row.user_id, type: 'mfa.approver_bound', detail: { device: row.id } });
      const secure = ctx.publicUrl().startsWith('https:') ? '; Secure' : '';
      reply.header('set-cookie', `${APPROVER_COOKIE}=${token}; Path=/approver; HttpOnly; SameSite=Strict; Max-Age=31536000${secure}`);
      return { bound: true };
    });

    app.get('/api/pushes', async (request, reply) => {
      const bound = await device(request);
      const pushes = bound.status === 'active' ? await pendingPushes(ctx.db, bound.user_id, ctx.clock.now()) : [];
      reply.header('cache-control', 'no-store');
      return {
        device: { name: bound.name, status: bound.status },
        // Whether *Approve* needs the sign-in screen's code; never the code itself.
        pushes: pushes.map((p) => ({
          id: p.id,
          app: p.app,
          address: p.address,
          issuedAt: new Date(p.issuedAt).toISOString(),
          expiresAt: new Date(p.expiresAt).toISOString(),
          needsCode: p.verificationCode !== null,
        })),
      };
    });

    app.post('/api/pushes/:id', async (request) => {
      const bound = await device(request);
      const body = parseInput(answerBody, request.body);
      const id = String((request.params as { id?: unknown }).id ?? '');
      const push = await findPush(ctx.db, id);
      // A reset's push to a name without an account belongs to no device.
      if (!push || push.userId === null) throw portalError('not_found', 'No such request.');
      if (bound.status !== 'active') throw portalError('forbidden', 'This device is not set up yet.');
      return answerFromPhone(ctx, { ...push, userId: push.userId }, { id: bound.id, userId: bound.user_id }, body);
    });
  },
};
