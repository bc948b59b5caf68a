/** The Activity view's audit query and its CSV export. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAdmin } from '../../../server/admin/audit-log';
import { auditToCsv, csvCell } from '../../../server/admin/audit-csv';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';

describe('csv cells', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
  });
  it.each(['=HYPERLINK("x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('defuses the formula-like cell %j', (value) => {
    expect(csvCell(value).startsWith(`"'`)).toBe(true);
  });
  it('writes a header and CRLF lines', () => {
    const csv = auditToCsv([{ id: '1', at: '2026-01-01T00:00:00.000Z', actor: 'boss', username: null, type: 'x.y', detail: { a: 1 } }]);
    expect(csv).toBe('"time","type","actor","user","detail"\r\n"2026-01-01T00:00:00.000Z","x.y","boss","","{""a"":1}"\r\n');
  });
});

describe.each(backends)('audit log for managers ($name)', (backend) => {
  let h: AdminHarness;
  let token: string;

  beforeAll(async () => {
    h = await startAdminHarness(backend);
    const boss = await h.addUser('boss', { manager: true });
    const frank = await h.addUser('frank');
    token = await h.tokenFor(boss);
    await auditAdmin(h.db, { at: new Date('2026-01-10T10:00:00Z'), actor: 'boss', userId: frank.id, type: 'admin.user_disabled', detail: { username: 'frank' } });
    await auditAdmin(h.db, { at: new Date('2026-01-12T10:00:00Z'), actor: 'system', userId: frank.id, type: 'admin.user_enabled', detail: { note: '=cmd|calc' } });
    await auditAdmin(h.db, { at: new Date('2026-01-14T10:00:00Z'), actor: 'boss', userId: null, type: 'request.declined', detail: { reason: 'Not 100%_sure' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const events = async (query: string) => {
    const response = await h.call(token, 'GET', `/api/v1/admin/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().events as Array<{ type: string; at: string; username: string | null; actor: string }>;
  };

  it('lists newest first with the account name', async () => {
    const all = await events('');
    expect(all.map((e) => e.type)).toEqual(['request.declined', 'admin.user_enabled', 'admin.user_disabled']);
    expect(all[1]!.username).toBe('frank');
  });

  it('filters by time, type (exact or prefix), user and text', async () => {
    expect((await events('?since=2026-01-11T00:00:00Z')).map((e) => e.type)).toEqual(['request.declined', 'admin.user_enabled']);
    expect((await events('?until=2026-01-11T00:00:00Z')).map((e) => e.type)).toEqual(['admin.user_disabled']);
    expect((await events('?type=admin.')).length).toBe(2);
    expect((await events('?type=admin.user_enabled')).length).toBe(1);
    expect((await events('?username=FRANK')).length).toBe(2);
    expect((await events('?q=system')).map((e) => e.actor)).toEqual(['system']);
    // LIKE wildcards in the text are literal.
    expect((await events('?q=100%25_')).map((e) => e.type)).toEqual(['request.declined']);
    expect((await events('?q=%25')).map((e) => e.type)).toEqual(['request.declined']);
    expect((await events('?limit=1')).length).toBe(1);
  });

  it('refuses malformed filters', async () => {
    for (const query of ['?since=yesterday', '?limit=0', '?type=DROP%20TABLE', '?what=1']) {
      expect((await h.call(token, 'GET', `/api/v1/admin/audit${query}`)).statusCode, query).toBe(400);
    }
  });

  it('exports the filtered log as CSV, formulas defused', async () => {
    const response = await h.call(token, 'GET', '/api/v1/admin/audit/export?username=frank');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="portal-activity-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('"time","type","actor","user","detail"');
    expect(lines[1]).toContain('"admin.user_enabled","system","frank"');
    expect(response.body).toContain('=cmd|calc');
  });
});

describe.each(backends)('audit export for the desktop client ($name)', (backend) => {
  it('wraps the CSV in JSON when the client asks for JSON', async () => {
    const h = await startAdminHarness(backend);
    try {
      const token = await h.tokenFor(await h.addUser('boss', { manager: true }));
      const response = await h.app.inject({
        method: 'GET',
        url: '/api/v1/admin/audit/export',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.filename).toMatch(/^portal-activity-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(body.csv.startsWith('"time","type","actor","user","detail"\r\n')).toBe(true);
    } finally {
      await h.close();
    }
  });
});
