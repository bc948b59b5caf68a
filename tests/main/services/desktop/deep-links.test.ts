import { describe, expect, it } from 'vitest';
import { findDeepLink, parseDeepLink } from '../../../../main/services/desktop/deep-links';

describe('parseDeepLink', () => {
  it('opens a portal sign-in', () => {
    expect(parseDeepLink('portico://open?portal=https://portal.example.com')).toEqual({ kind: 'open-portal', portalUrl: 'https://portal.example.com' });
    expect(parseDeepLink('portico://open/?portal=https%3A%2F%2Fportal.example.com%3A8443%2F')).toEqual({
      kind: 'open-portal',
      portalUrl: 'https://portal.example.com:8443',
    });
    expect(parseDeepLink('portico://open?portal=http://127.0.0.1:8443')).toEqual({ kind: 'open-portal', portalUrl: 'http://127.0.0.1:8443' });
  });

  it('launches an app by id', () => {
    expect(parseDeepLink('portico://launch/eclipse-admin')).toEqual({ kind: 'launch', appId: 'eclipse-admin' });
    expect(parseDeepLink('PORTICO://LAUNCH/7zip/')).toEqual({ kind: 'launch', appId: '7zip' });
  });

  it.each([
    'portico://open?portal=http://portal.example.com',
    'portico://open?portal=javascript:alert(1)',
    'portico://open?portal=file:///etc/passwd',
    'portico://open?portal=https://user:pw@portal.example.com',
    'portico://open?portal=https://portal.example.com/evil?x=1',
    'portico://open?portal=https://portal.example.com&portal=https://evil.example',
    'portico://open?portal=https://portal.example.com&extra=1',
    'portico://open',
    'portico://launch/../../etc/passwd',
    'portico://launch/%2e%2e',
    'portico://launch/Eclipse%20Admin',
    'portico://launch/a/b',
    'portico://launch/',
    'portico://launch/app?mode=native',
    'portico://launch/app#x',
    'portico://launch/' + 'a'.repeat(65),
    'portico://user:pw@launch/app',
    'portico://launch:8080/app',
    'portico://delete/everything',
    'portico:launch/app',
    'https://launch/app',
    'portico://launch/app\r\n--inspect',
    'portico://launch/app x',
    // Characters the text guard refuses: C1, line separator, bidi override, lone surrogate.
    'portico://launch/app\u0085',
    'portico://launch/app\u2028',
    'portico://launch/\u202eppa',
    'portico://launch/app\uD800',
    'portico://open?portal=https://portal.example.com\u2066',
    `portico://open?portal=https://${'a'.repeat(3000)}.example`,
    '',
    42,
    null,
  ])('refuses %s', (raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });

  it('finds the link among command-line arguments', () => {
    expect(findDeepLink(['/opt/Portico/portico', '--no-sandbox', 'portico://launch/7zip'])).toEqual({ kind: 'launch', appId: '7zip' });
    expect(findDeepLink(['portico', 'portico://launch/..', '--flag'])).toBeNull();
    expect(findDeepLink([])).toBeNull();
  });
});
