import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentTypeFor,
  isAllowedExternalUrl,
  isAllowedNavigation,
  originOf,
  resolveStaticPath,
} from '../../main/shell-guards';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://portal.example/help',
    'https://example.com',
    'mailto:support@example.com',
    'MAILTO:a@b.example',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    'file:///etc/passwd',
    'file://server/share/x.exe',
    'smb://server/share',
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x&crumb=location:\\\\evil\\share',
    'http://portal.example',
    'ftp://files.example',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'myapp://open',
    'https://user:pass@portal.example/',
    'https://portal.example/\nfile:///x',
    'https://portal.example/\u202Efdp.exe',
    'https://portal.example/a\u0085b',
    'https://portal.example/a\u2028b',
    'https://portal.example/a\uD800',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));

  it('refuses non-strings and overly long URLs', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ href: 'https://x.example' })).toBe(false);
    expect(isAllowedExternalUrl(`https://x.example/${'a'.repeat(10_000)}`)).toBe(false);
  });
});

describe('navigation guard', () => {
  const app = ['app://portico'];

  it('works with custom schemes whose WHATWG origin is opaque', () => {
    expect(originOf('app://portico/index.html#/x')).toBe('app://portico');
    expect(originOf('http://127.0.0.1:8443/light/x?ticket=1')).toBe('http://127.0.0.1:8443');
  });

  it('allows our own origin only', () => {
    expect(isAllowedNavigation('app://portico/index.html', app)).toBe(true);
    expect(isAllowedNavigation('APP://PORTICO/other', app)).toBe(true);
    expect(isAllowedNavigation('app://portico.evil/index.html', app)).toBe(false);
    expect(isAllowedNavigation('app://other/index.html', app)).toBe(false);
    expect(isAllowedNavigation('https://evil.example/', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', app)).toBe(false);
    expect(isAllowedNavigation('about:blank', app)).toBe(false);
  });

  it('compares ports and schemes exactly', () => {
    const light = ['http://127.0.0.1:8443'];
    expect(isAllowedNavigation('http://127.0.0.1:8443/light/a', light)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:8444/light/a', light)).toBe(false);
    expect(isAllowedNavigation('https://127.0.0.1:8443/light/a', light)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:8443@evil.example/', light)).toBe(false);
  });
});

describe('resolveStaticPath', () => {
  const root = resolve('/srv/renderer');

  it('maps / to index.html and files below the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(resolve(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(resolve(root, 'assets/index-abc.js'));
    expect(resolveStaticPath(root, '/assets/my%20file.png')).toBe(resolve(root, 'assets/my file.png'));
  });

  it.each([
    '/../secret',
    '/assets/../../secret',
    '/..%2fsecret',
    '/%2e%2e/secret',
    '/%2e%2e%2fsecret',
    '/assets%5c..%5c..%5csecret',
    '/C:/Windows/win.ini',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/a%C2%85b',
    '/%E2%80%AEfdp.exe',
    '/a%E2%80%A8b',
    'relative',
  ])('refuses %s', (pathname) => expect(resolveStaticPath(root, pathname)).toBeNull());

  it('serves names with astral characters', () => {
    expect(resolveStaticPath(root, '/%F0%9F%98%80.png')).toBe(resolve(root, '😀.png'));
  });
});

describe('headers', () => {
  it('builds the CSP without inline or eval scripts', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:5000']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5000;");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('picks content types by extension', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/blob')).toBe('application/octet-stream');
  });
});
