/**
 * The light version: `GET /light/:appId?ticket=` redeems a single-use web
 * launch ticket and serves a self-contained stand-in for the HTML5 client.
 * No script at all, a strict CSP, no caching, no referrer (the URL carries
 * the ticket).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { PortalPlugin } from '../app-context';
import { findApp } from '../apps/catalogue';
import { Launcher } from '../apps/launch';
import { findUserById } from '../auth/users';

/** CSP of light pages: nothing but our own stylesheet. */
export const LIGHT_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLESHEET = `
body { font-family: system-ui, sans-serif; margin: 0; background: #10243e; color: #f4f6fa; }
main { max-width: 40rem; margin: 12vh auto; padding: 2rem; background: #1b3558; border-radius: 12px; }
h1 { font-size: 1.5rem; margin-top: 0; }
p { line-height: 1.5; }
.muted { color: #b8c4d6; font-size: 0.9rem; }
`;

const params = z.object({ appId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });
const query = z.object({ ticket: z.string().max(128).optional() });

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/light/assets/light.css">
</head>
<body>
<main>
${body}
</main>
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
      '<h1>This launch link has expired</h1>\n<p>Launch links work once and only for a short time. Go back to the launcher and start the application again.</p>',
    ),
  );
}

/** Light-version routes (public: the ticket is the credential). */
export const lightRoutes: PortalPlugin = {
  name: 'light',
  prefix: '/light',
  register(app, ctx) {
    const launcher = new Launcher(ctx.db, ctx.clock, ctx.config, ctx.publicUrl);

    app.get('/assets/light.css', async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(STYLESHEET),
    );

    app.get('/:appId', async (request, reply) => {
      const parsedParams = params.safeParse(request.params);
      const parsedQuery = query.safeParse(request.query);
      if (!parsedParams.success || !parsedQuery.success) return expiredPage(reply);
      const entry = findApp(ctx.config, parsedParams.data.appId);
      const ticket = parsedQuery.data.ticket;
      if (!entry || !ticket) return expiredPage(reply);
      const userId = await launcher.redeem(ticket, entry.id, 'web');
      const user = userId ? await findUserById(ctx.db, userId) : null;
      if (!user) return expiredPage(reply);
      return sendPage(
        reply,
        200,
        page(
          `${entry.name} (light version)`,
          [
            `<h1>${escapeHtml(entry.name)}</h1>`,
            `<p>Signed in as ${escapeHtml(user.displayName)}. This web session runs in your cloud environment.</p>`,
            '<p class="muted">Light version: no access to your local clipboard or drives. ',
            'This page stands in for the HTML5 client of the reference portal.</p>',
          ].join('\n'),
        ),
      );
    });
  },
};
