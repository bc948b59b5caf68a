/** The FileZilla site file: the import format, explicit TLS on the FTPS port, ask for password, no password. */
import { describe, expect, it } from 'vitest';
import { fileZillaSiteXml } from '../../../../renderer/src/features/app-passwords/filezilla-site';

const connection = {
  host: '127.0.0.1',
  port: 7990,
  tls: 'explicit' as const,
  username: 'alice',
  fingerprint256: 'AB:CD',
};

describe('FileZilla site file', () => {
  it('holds the host, port, FTP protocol, user and "ask for password", and no password', () => {
    const xml = fileZillaSiteXml(connection, 'Portico <files>');
    const server =
      /<FileZilla3[^>]*>\s*<Servers>\s*<Server>([\s\S]*)<\/Server>\s*<\/Servers>\s*<\/FileZilla3>/.exec(
        xml,
      )?.[1] ?? '';
    const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(server)?.[1];
    expect(field('Host')).toBe('127.0.0.1');
    expect(field('Port')).toBe('7990');
    // Require explicit TLS: never a fallback to plain FTP.
    expect(field('Protocol')).toBe('4');
    expect(field('Type')).toBe('0');
    expect(field('User')).toBe('alice');
    expect(field('Logontype')).toBe('2');
    expect(field('EncodingType')).toBe('UTF-8');
    // Escaped: a hostile name cannot add elements.
    expect(field('Name')).toBe('Portico &#60;files&#62;');
    expect(xml).not.toMatch(/<Pass/i);
  });
});
