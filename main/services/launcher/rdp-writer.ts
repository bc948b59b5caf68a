/** Writes the RDP file the Remote Desktop client opens. Pure: descriptor in, text out. */
import type { RdpDescriptor } from '../../../common/api';
import { crlf, lineValue } from './file-values';

/**
 * Renders an RDP file with CRLF line endings: a RemoteApp file when the
 * descriptor names a `remoteProgram`, the full desktop (full screen) when it
 * has none. Clipboard and drive redirection are on only when the (already
 * policy-checked) descriptor asks; printers, ports and smart cards stay off.
 * Throws `launch_blocked` on values that could inject extra settings.
 *
 * The portal's logon ticket is not written: the RDP format has no field for
 * a one-time logon ticket to the session host (its only password field,
 * `password 51:b:`, is a blob sealed with Windows DPAPI for the local user),
 * so the client asks for the user's password when it connects.
 */
export function writeRdpFile(descriptor: RdpDescriptor): string {
  const program = descriptor.remoteProgram;
  const session =
    program === undefined
      ? ['remoteapplicationmode:i:0', 'screen mode id:i:2']
      : [
          'remoteapplicationmode:i:1',
          `remoteapplicationprogram:s:${lineValue('program', program)}`,
          `remoteapplicationname:s:${lineValue('title', descriptor.title)}`,
          'disableremoteappcapscheck:i:1',
        ];
  return crlf([
    `full address:s:${lineValue('address', descriptor.address)}`,
    ...session,
    `redirectclipboard:i:${descriptor.allowClipboard ? 1 : 0}`,
    `drivestoredirect:s:${descriptor.allowDrives ? '*' : ''}`,
    'redirectprinters:i:0',
    'redirectcomports:i:0',
    'redirectsmartcards:i:0',
    'prompt for credentials:i:0',
    `username:s:${lineValue('username', descriptor.username)}`,
  ]);
}
