/**
 * The light version: `GET /light/:appId?ticket=` serves the HTML5 client
 * (noVNC, as the portal's own static files) for a valid, unused web launch
 * ticket. The page's script opens `/light/:appId/socket?ticket=` on the
 * gateway, which redeems the ticket. Strict CSP (`script-src 'self'`,
 * `connect-src 'self'`), no caching, no referrer (the URL carries the ticket).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PortalPlugin } from '../app-context';
import { findApp } from '../apps/catalogue';
import { Launcher } from '../apps/launch';
import { LIGHT_CSS, LIGHT_JS, loadNoVnc } from './assets';
import { LightGateway, sessionHostOf } from './gateway';
import { ReferenceHost, referenceHostInstalled } from './reference-host';

/** CSP of light pages: our own stylesheet and scripts, WebSockets to ourselves only. */
export const LIGHT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const params = z.object({ appId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });
const query = z.object({ ticket: z.string().max(128).optional() });
const noVncPath = z.string().regex(/^(core|vendor)(\/[A-Za-z0-9_.-]+)+\.js$/);

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(title: string, body: string, bodyAttributes = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/light/assets/light.css">
</head>
<body${bodyAttributes}>
${body}
</body>
</html>
`;
}

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', LIGHT_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(html);
}

function expiredPage(reply: FastifyReply): FastifyReply {
  return sendPage(
    reply,
    403,
    page(
      'Link expired',
      '<main>\n<h1>This launch link has expired</h1>\n<p>Launch links work once and only for a short time. Go back to the launcher and start the application again.</p>\n</main>',
    ),
  );
}

/** Light-version routes (public: the ticket is the credential). */
export const lightRoutes: PortalPlugin = {
  name: 'light',
  prefix: '/light',
  register(app, ctx) {
    const launcher = new Launcher(ctx.db, ctx.clock, ctx.config, ctx.publicUrl);
    const reference = ctx.config.light.referenceHost === 'auto' && referenceHostInstalled() ? new ReferenceHost() : null;
    const gateway = new LightGateway({ db: ctx.db, clock: ctx.clock, config: ctx.config, launcher, reference, filesDir: ctx.filesDir });
    gateway.attach(app.server);
    app.addHook('onClose', async () => gateway.close());
    // Signing out ends the user's light sessions at once (the sweep catches every other ending).
    ctx.onSignOut.push(async () => gateway.sweep());
    const noVnc = loadNoVnc();
    const { supportPhones, supportEmail } = ctx.config.branding;

    app.get('/assets/light.css', async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(LIGHT_CSS),
    );
    app.get('/assets/light.js', async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(LIGHT_JS),
    );
    app.get('/novnc/*', async (request, reply) => {
      const wanted = noVncPath.safeParse((request.params as { '*': string })['*']);
      const file = wanted.success ? noVnc.get(wanted.data) : undefined;
      if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(file);
    });

    app.get('/:appId', async (request, reply) => {
      const parsedParams = params.safeParse(request.params);
      const parsedQuery = query.safeParse(request.query);
      if (!parsedParams.success || !parsedQuery.success) return expiredPage(reply);
      const entry = findApp(ctx.config, parsedParams.data.appId);
      const ticket = parsedQuery.data.ticket;
      if (!entry || !ticket || !(await launcher.peekWeb(ticket, entry.id))) return expiredPage(reply);
      const name = escapeHtml(entry.name);
      if (!sessionHostOf(entry, reference)) {
        const phones = supportPhones.map((phone) => `<a href="tel:${escapeHtml(phone.replace(/[^0-9+]/g, ''))}">${escapeHtml(phone)}</a>`);
        const email = `<a href="mailto:${escapeHtml(supportEmail)}">${escapeHtml(supportEmail)}</a>`;
        return sendPage(
          reply,
          503,
          page(
            `No session host for ${entry.name}`,
            [
              '<main>',
              `<h1>This portal has no session host for ${name}</h1>`,
              '<p>The light version needs a session host, and none is set up for this application. Use the installed client, or contact support:</p>',
              `<p>${[...phones, email].join(' · ')}</p>`,
              '</main>',
            ].join('\n'),
          ),
        );
      }
      const title = `${entry.name} (light version)`;
      return sendPage(
        reply,
        200,
        page(
          title,
          [
            `<div id="screen" role="application" aria-label="${escapeHtml(title)}"></div>`,
            `<p id="status" role="status">Starting ${name}…</p>`,
            '<main id="fault" hidden>',
            '<h1 id="fault-title" tabindex="-1"></h1>',
            '<p id="fault-text"></p>',
            '<p><button type="button" id="retry" hidden>Try again</button></p>',
            '<p class="muted">Light version: no access to your local clipboard or drives.</p>',
            '</main>',
            '<script type="module" src="/light/assets/light.js"></script>',
          ].join('\n'),
          ` class="session" data-app-id="${escapeHtml(entry.id)}" data-app-name="${name}" data-title="${escapeHtml(title)}"`,
        ),
      );
    });
  },
};

