import { describe, expect, it } from 'vitest';
import { writeIcaFile } from '../../../../main/services/launcher/ica-writer';
import { writeRdpFile } from '../../../../main/services/launcher/rdp-writer';
import type { IcaDescriptor, RdpDescriptor } from '../../../../common/api';
import { PortalError } from '../../../../main/services/core/errors';

const ica: IcaDescriptor = {
  type: 'ica',
  title: '7-Zip File Manager',
  address: 'apps.portal.example:1494',
  initialProgram: '#7-Zip File Manager',
  logonTicket: 'A1B2C3D4E5',
  transportDriver: 'TCP/IP',
  clientAudio: false,
  allowClipboard: false,
  allowDrives: false,
};

const rdp: RdpDescriptor = {
  type: 'rdp',
  title: 'Eclipse Admin',
  address: 'rdp.portal.example:3389',
  remoteProgram: '||EclipseAdmin',
  username: 'demo',
  allowClipboard: false,
  allowDrives: false,
};

describe('writeIcaFile', () => {
  it('writes the exact ICA file with CRLF endings and redirection off', () => {
    expect(writeIcaFile(ica)).toBe(
      '[WFClient]\r\n' +
        'Version=2\r\n' +
        '\r\n' +
        '[ApplicationServers]\r\n' +
        '7-Zip File Manager=\r\n' +
        '\r\n' +
        '[7-Zip File Manager]\r\n' +
        'Address=apps.portal.example:1494\r\n' +
        'InitialProgram=#7-Zip File Manager\r\n' +
        'LogonTicket=A1B2C3D4E5\r\n' +
        'TransportDriver=TCP/IP\r\n' +
        'WinStationDriver=ICA 3.0\r\n' +
        'ClientAudio=Off\r\n' +
        'CDMAllowed=Off\r\n' +
        'ClipboardAllowed=Off\r\n',
    );
  });

  it('turns audio, drives and clipboard on only when the descriptor says so', () => {
    const text = writeIcaFile({ ...ica, clientAudio: true, allowClipboard: true, allowDrives: true });
    expect(text).toContain('\r\nClientAudio=On\r\nCDMAllowed=On\r\nClipboardAllowed=On\r\n');
  });

  it.each([
    ['title', { title: 'Evil]\r\n[WFClient' }],
    ['title with brackets', { title: 'App [1]' }],
    ['title with =', { title: 'A=B' }],
    ['address with LF', { address: 'apps.portal.example:1494\nCDMAllowed=On' }],
    ['ticket with CR', { logonTicket: 'x\rClipboardAllowed=On' }],
    ['program with NUL', { initialProgram: '#app\u0000' }],
  ])('rejects a hostile %s', (_label, patch) => {
    expect(() => writeIcaFile({ ...ica, ...patch })).toThrow(PortalError);
  });
});

describe('writeRdpFile', () => {
  it('writes the exact RDP file with CRLF endings and redirection off', () => {
    expect(writeRdpFile(rdp)).toBe(
      'full address:s:rdp.portal.example:3389\r\n' +
        'remoteapplicationmode:i:1\r\n' +
        'remoteapplicationprogram:s:||EclipseAdmin\r\n' +
        'remoteapplicationname:s:Eclipse Admin\r\n' +
        'disableremoteappcapscheck:i:1\r\n' +
        'redirectclipboard:i:0\r\n' +
        'drivestoredirect:s:\r\n' +
        'redirectprinters:i:0\r\n' +
        'redirectcomports:i:0\r\n' +
        'redirectsmartcards:i:0\r\n' +
        'prompt for credentials:i:0\r\n' +
        'username:s:demo\r\n',
    );
  });

  it('writes a full-desktop file for a descriptor without remoteProgram (the Virtual Desktop)', () => {
    const { remoteProgram: _none, ...desktop } = { ...rdp, title: 'Virtual Desktop' };
    expect(writeRdpFile(desktop)).toBe(
      'full address:s:rdp.portal.example:3389\r\n' +
        'remoteapplicationmode:i:0\r\n' +
        'screen mode id:i:2\r\n' +
        'redirectclipboard:i:0\r\n' +
        'drivestoredirect:s:\r\n' +
        'redirectprinters:i:0\r\n' +
        'redirectcomports:i:0\r\n' +
        'redirectsmartcards:i:0\r\n' +
        'prompt for credentials:i:0\r\n' +
        'username:s:demo\r\n',
    );
  });

  it('never writes "undefined" or a RemoteApp line for the desktop, even called directly', () => {
    const desktop = { ...rdp, remoteProgram: undefined };
    const text = writeRdpFile(desktop);
    expect(text).not.toContain('undefined');
    expect(text).not.toMatch(/^remoteapplication(program|name)/m);
  });

  it('keeps the logon ticket out of the file (the format has no field for it)', () => {
    const withTicket = { ...rdp, logonTicket: 'SINGLE-USE-TICKET' } as RdpDescriptor;
    expect(writeRdpFile(withTicket)).not.toContain('SINGLE-USE-TICKET');
  });

  it('redirects clipboard and drives only when the descriptor says so', () => {
    const text = writeRdpFile({ ...rdp, allowClipboard: true, allowDrives: true });
    expect(text).toContain('\r\nredirectclipboard:i:1\r\ndrivestoredirect:s:*\r\n');
  });

  it.each([
    ['address', { address: 'rdp.portal.example\r\ndrivestoredirect:s:*' }],
    ['program', { remoteProgram: '||x\nredirectclipboard:i:1' }],
    ['title', { title: 'a\u2028b' }],
    ['username', { username: 'demo\u0000' }],
    ['title with a bidi override', { title: 'a\u202eb' }],
    ['program with a C1 control', { remoteProgram: '||x\u0085' }],
    ['username with a lone surrogate', { username: 'demo\uD800' }],
  ])('rejects a hostile %s', (_label, patch) => {
    expect(() => writeRdpFile({ ...rdp, ...patch })).toThrow(PortalError);
  });

  it.each([
    ['address', { address: 'rdp.portal.example\r\nalternate shell:s:cmd.exe' }],
    ['username', { username: 'demo\nremoteapplicationmode:i:1' }],
    ['username with a NUL', { username: 'demo\u0000' }],
  ])('rejects a hostile %s in a desktop descriptor too', (_label, patch) => {
    const { remoteProgram: _none, ...desktop } = rdp;
    expect(() => writeRdpFile({ ...desktop, ...patch })).toThrow(PortalError);
  });
});
