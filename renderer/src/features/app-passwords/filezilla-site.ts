/**
 * The FileZilla site file of "My Settings & Devices" → App passwords: a
 * `sitemanager.xml` FileZilla imports (File → Import) with the portal's
 * FTPS connection — explicit TLS, logon type "Ask for password" — and never
 * a password. Saved with `saveFile` (`ui/save-file.ts`).
 */
import type { FtpsConnectionWire } from '../../../../common/api/app-passwords';
import { saveFile } from '../../ui/save-file';

/** Where FTPS clients connect: the wire's `connection` of the app-password list, as the site file needs it. */
export type FtpsConnection = Pick<FtpsConnectionWire, 'host' | 'port' | 'username'>;

/** Protocol 4: FileZilla's "Require explicit FTP over TLS", so the site never falls back to plain FTP. */
const PROTOCOL_FTPES_REQUIRED = 4;
/** Server type 0: default (detect). */
const SERVER_TYPE_DEFAULT = 0;
/** Logon type 2: "Ask for password". */
const LOGON_ASK = 2;

/** Escapes text for an XML element (server-supplied values are hostile). */
function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The XML of one FileZilla site named `siteName`, without any password. */
export function fileZillaSiteXml(connection: FtpsConnection, siteName: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<FileZilla3 version="3" platform="*">',
    '  <Servers>',
    '    <Server>',
    `      <Host>${xmlText(connection.host)}</Host>`,
    `      <Port>${connection.port}</Port>`,
    `      <Protocol>${PROTOCOL_FTPES_REQUIRED}</Protocol>`,
    `      <Type>${SERVER_TYPE_DEFAULT}</Type>`,
    `      <User>${xmlText(connection.username)}</User>`,
    `      <Logontype>${LOGON_ASK}</Logontype>`,
    '      <EncodingType>UTF-8</EncodingType>',
    '      <BypassProxy>0</BypassProxy>',
    `      <Name>${xmlText(siteName)}</Name>`,
    '    </Server>',
    '  </Servers>',
    '</FileZilla3>',
    '',
  ].join('\n');
}

/** Saves the site file as `sitemanager.xml`. */
export function saveFileZillaSite(
  connection: FtpsConnection,
  siteName: string,
  doc: Document = document,
): void {
  saveFile('sitemanager.xml', fileZillaSiteXml(connection, siteName), 'application/xml', doc);
}
