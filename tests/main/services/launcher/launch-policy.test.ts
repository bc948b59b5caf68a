import { describe, expect, it } from 'vitest';
import { checkLaunch, hostOf } from '../../../../main/services/launcher/launch-policy';
import type { LaunchDescriptor, LaunchPolicy } from '../../../../common/api';

const policy: LaunchPolicy = {
  allowedHosts: ['apps.portal.example', 'RDP.portal.example'],
  allowClipboard: false,
  allowDrives: false,
  webOrigins: ['https://light.portal.example', 'http://127.0.0.1:8443'],
};

const ica = (patch: Partial<Extract<LaunchDescriptor, { type: 'ica' }>> = {}): LaunchDescriptor => ({
  type: 'ica', title: 'App', address: 'apps.portal.example:1494', initialProgram: '#App', logonTicket: 't',
  transportDriver: 'TCP/IP', clientAudio: false, allowClipboard: false, allowDrives: false, ...patch,
});
const web = (url: string): LaunchDescriptor => ({ type: 'web', title: 'App', url });

const blocked = (d: LaunchDescriptor, p = policy) => {
  try {
    checkLaunch(d, p);
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('checkLaunch', () => {
  it('accepts an allowlisted host (case-insensitive, with or without port)', () => {
    expect(blocked(ica())).toBeNull();
    expect(blocked(ica({ address: 'APPS.portal.example' }))).toBeNull();
    expect(blocked({ type: 'rdp', title: 'R', address: 'rdp.portal.example:3389', remoteProgram: '||R', username: 'u', allowClipboard: false, allowDrives: false })).toBeNull();
  });

  it.each(['evil.example:1494', 'apps.portal.example.evil.example', 'apps.portal.example:99999', 'user@apps.portal.example', 'apps.portal.example/x', '', '10.0.0.1'])(
    'blocks a foreign or malformed host %j',
    (address) => {
      expect(blocked(ica({ address }))).toBe('launch_blocked');
    },
  );

  it('blocks clipboard and drive redirection the policy does not allow', () => {
    expect(blocked(ica({ allowClipboard: true }))).toBe('launch_blocked');
    expect(blocked(ica({ allowDrives: true }))).toBe('launch_blocked');
    expect(blocked(ica({ allowClipboard: true, allowDrives: true }), { ...policy, allowClipboard: true, allowDrives: true })).toBeNull();
  });

  it('accepts web sessions only on approved http(s) origins', () => {
    expect(checkLaunch(web('https://light.portal.example/light/app?ticket=1'), policy)).toEqual({ allowedOrigin: 'https://light.portal.example' });
    for (const url of [
      'https://light.portal.example.evil.example/',
      'https://evil.example/?https://light.portal.example',
      'http://light.portal.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@light.portal.example/',
      'not a url',
    ]) {
      expect(blocked(web(url))).toBe('launch_blocked');
    }
  });

  it('parses hosts', () => {
    expect(hostOf('Host.Example:80')).toBe('host.example');
    expect(hostOf('[::1]:3389')).toBe('[::1]');
    expect(hostOf('host:0')).toBeNull();
    expect(hostOf('a b')).toBeNull();
  });
});
