/** Writes the ICA file the Citrix client opens. Pure: descriptor in, text out. */
import type { IcaDescriptor } from '../../../common/api';
import { crlf, lineValue, sectionValue } from './file-values';

const onOff = (value: boolean): string => (value ? 'On' : 'Off');

/**
 * Renders an ICA file with CRLF line endings. Clipboard and client drive
 * mapping are on only when the (already policy-checked) descriptor asks.
 * Throws `launch_blocked` on values that could inject lines or sections.
 */
export function writeIcaFile(descriptor: IcaDescriptor): string {
  const title = sectionValue('title', descriptor.title);
  return crlf([
    '[WFClient]',
    'Version=2',
    '',
    '[ApplicationServers]',
    `${title}=`,
    '',
    `[${title}]`,
    `Address=${lineValue('address', descriptor.address)}`,
    `InitialProgram=${lineValue('program', descriptor.initialProgram)}`,
    `LogonTicket=${lineValue('logon ticket', descriptor.logonTicket)}`,
    `TransportDriver=${lineValue('transport', descriptor.transportDriver)}`,
    'WinStationDriver=ICA 3.0',
    `ClientAudio=${onOff(descriptor.clientAudio)}`,
    `CDMAllowed=${onOff(descriptor.allowDrives)}`,
    `ClipboardAllowed=${onOff(descriptor.allowClipboard)}`,
  ]);
}
