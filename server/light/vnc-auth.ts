/**
 * VNC authentication (RFB security type 2) and TigerVNC's password file.
 * Both are single DES with the key's bits in each byte reversed (the quirk
 * of the original d3des code). Node's OpenSSL 3 has no plain DES, but
 * two-key triple DES with both keys equal is exactly single DES.
 */
import { createCipheriv } from 'node:crypto';

/** TigerVNC's fixed obfuscation key for password files, already bit-reversed. */
const FILE_KEY = Buffer.from('e84ad660c4721ae0', 'hex');

function reverseBits(byte: number): number {
  let out = 0;
  for (let i = 0; i < 8; i += 1) out |= ((byte >> i) & 1) << (7 - i);
  return out;
}

function desEncrypt(key: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv('des-ede-ecb', Buffer.concat([key, key]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

/** The first 8 bytes of the password, zero-padded (VNC passwords are 8 bytes). */
function passwordBlock(password: string): Buffer {
  const block = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(block, 0, 0, 8);
  return block;
}

/** Contents of a `vncpasswd`-format file (`Xvnc -rfbauth`) for `password`. */
export function vncPasswordFile(password: string): Buffer {
  return desEncrypt(FILE_KEY, passwordBlock(password));
}

/** The 16-byte answer to a VNC authentication challenge. */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  const key = Buffer.from(passwordBlock(password).map(reverseBits));
  return desEncrypt(key, challenge);
}
