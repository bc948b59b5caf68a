/** Where the admin socket lives, and that a portal never takes over a socket another one answers on. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendAdminCommand } from '../../../server/admin/admin-socket-client';
import { adminSocketPaths, socketPathTooLong } from '../../../server/admin/admin-socket-protocol';
import { AdminSocketUnavailable, startAdminSocket } from '../../../server/admin/admin-socket-server';

describe('admin socket paths', () => {
  it('keeps the socket and token in <data dir>/run; on Windows the socket is a named pipe of that folder', () => {
    expect(adminSocketPaths('/srv/portal', 'linux')).toEqual({
      dir: join('/srv/portal', 'run'),
      socket: join('/srv/portal', 'run', 'admin.sock'),
      token: join('/srv/portal', 'run', 'admin.token'),
    });
    const pipe = adminSocketPaths('C:\\Portal', 'win32').socket;
    expect(pipe).toMatch(/^\\\\\?\\pipe\\portico-portal-[0-9a-f]{24}$/);
    expect(adminSocketPaths('c:\\portal', 'win32').socket).toBe(pipe);
    expect(adminSocketPaths('C:\\Other', 'win32').socket).not.toBe(pipe);
  });

  it('knows a path too long for a Unix socket', () => {
    expect(socketPathTooLong(`/${'a'.repeat(102)}`, 'linux')).toBe(false);
    expect(socketPathTooLong(`/${'a'.repeat(103)}`, 'linux')).toBe(true);
    expect(socketPathTooLong(`/${'a'.repeat(300)}`, 'win32')).toBe(false);
  });
});

describe('admin socket server', () => {
  it('refuses to replace a socket another portal answers on, which keeps answering', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'portico-admin-socket-unit-'));
    const first = await startAdminSocket({ dataDir, run: async () => ({ ok: true, lines: ['first'] }) });
    try {
      await expect(
        startAdminSocket({ dataDir, run: async () => ({ ok: true, lines: ['second'] }) }),
      ).rejects.toThrow(AdminSocketUnavailable);
      expect(await sendAdminCommand(dataDir, { name: 'list-users' })).toEqual({ ok: true, lines: ['first'] });
      await first.close();
      // Closed: its token is gone, so the CLI knows no portal runs here.
      expect(await sendAdminCommand(dataDir, { name: 'list-users' })).toBeNull();
    } finally {
      await first.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
