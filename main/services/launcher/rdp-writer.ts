/** Writes the RDP file the Remote Desktop client opens. Pure: descriptor in, text out. */
import type { RdpDescriptor } from '../../../common/api';
import { crlf, lineValue } from './file-values';

/**
 * Renders a RemoteApp RDP file with CRLF line endings. Clipboard and drive
 * redirection are on only when the (already policy-checked) descriptor asks;
 * printers, ports and smart cards stay off. Throws `launch_blocked` on values
 * that could inject extra settings.
 */
export function writeRdpFile(descriptor: RdpDescriptor): string {
  return crlf([
    `full address:s:${lineValue('address', descriptor.address)}`,
    'remoteapplicationmode:i:1',
    `remoteapplicationprogram:s:${lineValue('program', descriptor.remoteProgram)}`,
    `remoteapplicationname:s:${lineValue('title', descriptor.title)}`,
    'disableremoteappcapscheck:i:1',
    `redirectclipboard:i:${descriptor.allowClipboard ? 1 : 0}`,
    `drivestoredirect:s:${descriptor.allowDrives ? '*' : ''}`,
    'redirectprinters:i:0',
    'redirectcomports:i:0',
    'redirectsmartcards:i:0',
    'prompt for credentials:i:0',
    `username:s:${lineValue('username', descriptor.username)}`,
  ]);
}
