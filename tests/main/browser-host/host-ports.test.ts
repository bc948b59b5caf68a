import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createBrowserHostPorts, createSessionOnlyCipher } from '../../../main/browser-host/host-ports';
import {
  createRecordingLauncher,
  createRecordingWebSessions,
  LaunchRecorder,
} from '../../../main/browser-host/recording-ports';
import { createSystemLauncher, runOpener } from '../../../main/browser-host/system-launcher';

const root = mkdtempSync(join(tmpdir(), 'portico-ports-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('session-only cipher', () => {
  it('refuses to persist and says why', () => {
    const cipher = createSessionOnlyCipher();
    expect(cipher.canPersist()).toBe(false);
    expect(cipher.unavailableReason()).toMatch(/keychain/i);
    expect(() => cipher.encrypt('secret')).toThrow();
    expect(() => cipher.decrypt(Buffer.from('x'))).toThrow();
  });
});

describe('browser host ports', () => {
  it('keeps settings and temp files in the data folder', () => {
    const dataDir = join(root, 'data');
    const ports = createBrowserHostPorts({ dataDir });
    expect(ports.paths).toEqual({ userData: dataDir, temp: join(dataDir, 'tmp') });
    expect(statSync(ports.paths.temp).mode & 0o777).toBe(0o700);
    ports.settings.set('lastUsername', 'demo');
    expect(createBrowserHostPorts({ dataDir }).settings.get('lastUsername')).toBe('demo');
    expect(ports.cipher.canPersist()).toBe(false);
  });
});

describe('browser web sessions (light version)', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('hands the approved URL back to the page and never runs the desktop opener', async () => {
    // An xdg-open that would leave a mark if it ran.
    const bin = mkdtempSync(join(root, 'opener-'));
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\ntouch "${bin}/ran"\n`, { mode: 0o755 });
    process.env.PATH = bin;
    const sessions = createBrowserHostPorts({ dataDir: join(root, 'light') }).webSessions;
    const url = 'http://127.0.0.1:8443/light/7zip?ticket=abc';
    expect(await sessions.open(url, { title: '7-Zip', allowedOrigin: 'http://127.0.0.1:8443' })).toEqual({
      openInPage: url,
    });
    expect(readdirSync(bin)).toEqual(['xdg-open']);
  });

  it('refuses an address off the approved origin or not on the web', async () => {
    const sessions = createBrowserHostPorts({ dataDir: join(root, 'light2') }).webSessions;
    const allowedOrigin = 'http://127.0.0.1:8443';
    await expect(sessions.open('http://evil.example/light', { title: 'x', allowedOrigin })).rejects.toThrow(
      /approved origin/,
    );
    await expect(sessions.open('javascript:alert(1)', { title: 'x', allowedOrigin })).rejects.toThrow(
      /approved origin/,
    );
  });

  it('answers the recorded URL in record mode, and stands for a machine with both clients', async () => {
    const ports = createBrowserHostPorts({
      dataDir: join(root, 'light3'),
      recordLaunchesDir: join(root, 'light3-records'),
    });
    const url = 'http://127.0.0.1:1/light/a';
    expect(await ports.webSessions.open(url, { title: 'A', allowedOrigin: 'http://127.0.0.1:1' })).toEqual({
      openInPage: url,
    });
    expect(await ports.nativeClients.detect()).toEqual({ ica: 'yes', rdp: 'yes' });
  });
});

describe('recording launcher', () => {
  it('copies the launch file and records path, mode and content', async () => {
    const dir = join(root, 'records');
    const file = join(root, 'app.ica');
    writeFileSync(file, '[ApplicationServers]\nApp=\n', { mode: 0o600 });
    chmodSync(file, 0o600);
    const launcher = createRecordingLauncher(new LaunchRecorder(dir));
    expect(await launcher.openPath(file)).toEqual({ ok: true });
    await launcher.openExternal('https://help.example/x');
    await expect(launcher.openExternal('file:///etc/passwd')).rejects.toThrow();
    await createRecordingWebSessions(new LaunchRecorder(dir)).open('http://127.0.0.1:1/light/a', {
      title: 'A',
      allowedOrigin: 'http://127.0.0.1:1',
    });

    const records = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
    const parsed = records.map(
      (name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>,
    );
    const openPath = parsed.find((record) => record.kind === 'open-path')!;
    expect(openPath).toMatchObject({ path: file, mode: 0o600, content: '[ApplicationServers]\nApp=\n' });
    expect(readFileSync(String(openPath.copy), 'utf8')).toBe(openPath.content);
    expect(parsed.find((record) => record.kind === 'open-external')).toMatchObject({
      url: 'https://help.example/x',
    });
    expect(parsed.find((record) => record.kind === 'web-session')).toMatchObject({
      title: 'A',
      allowedOrigin: 'http://127.0.0.1:1',
    });
    // Every record names what went to the OS, so readers can filter on `path` alone.
    expect(parsed.every((record) => typeof record.path === 'string')).toBe(true);
    expect(parsed.every((record) => !Number.isNaN(Date.parse(String(record.at))))).toBe(true);
  });

  it('reports a missing file as failed', async () => {
    const launcher = createRecordingLauncher(new LaunchRecorder(join(root, 'records2')));
    expect(await launcher.openPath(join(root, 'missing.ica'))).toMatchObject({ ok: false, reason: 'failed' });
  });
});

describe('system launcher (with a stand-in xdg-open on PATH)', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  function fakeOpener(exitCode: number): string {
    const bin = mkdtempSync(join(root, 'bin-'));
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > "${bin}/opened"\nexit ${exitCode}\n`, {
      mode: 0o755,
    });
    process.env.PATH = bin;
    return bin;
  }

  it('opens a file through xdg-open', async () => {
    const bin = fakeOpener(0);
    expect(await runOpener('/tmp/x.ica', 'linux')).toEqual({ ok: true });
    expect(readFileSync(join(bin, 'opened'), 'utf8').trim()).toBe('/tmp/x.ica');
  });

  it('reports no-handler when xdg-open finds no tool, failed otherwise', async () => {
    fakeOpener(3);
    expect(await runOpener('/tmp/x.ica', 'linux')).toMatchObject({ ok: false, reason: 'no-handler' });
    fakeOpener(4);
    expect(await runOpener('/tmp/x.ica', 'linux')).toMatchObject({ ok: false, reason: 'failed' });
  });

  it('reports no-handler when xdg-open is missing', async () => {
    process.env.PATH = mkdtempSync(join(root, 'empty-'));
    expect(await runOpener('/tmp/x.ica', 'linux')).toMatchObject({ ok: false, reason: 'no-handler' });
  });

  it('never hands disallowed schemes to the opener', async () => {
    const bin = fakeOpener(0);
    const launcher = createSystemLauncher('linux');
    for (const url of [
      'file:///etc/passwd',
      'smb://x/y',
      'javascript:alert(1)',
      'ms-msdt:x',
      'search-ms:x',
    ]) {
      await expect(launcher.openExternal(url)).rejects.toThrow();
    }
    expect(readdirSync(bin)).not.toContain('opened');
    await launcher.openExternal('https://help.example/');
    expect(readFileSync(join(bin, 'opened'), 'utf8').trim()).toBe('https://help.example/');
  });
});
