/**
 * A minimal `.zip` writer (stored, no compression) for browser-host folder
 * downloads where the page cannot write a folder (no File System Access
 * API): the tree, empty folders included, arrives as one file. Names are
 * UTF-8 (flag bit 11). Without ZIP64, so an archive stays under 4 GiB and
 * 65,535 entries.
 */

/** Largest archive (and file) a plain zip can describe. */
export const MAX_ZIP_BYTES = 0xffff_ffff;
const MAX_ENTRIES = 0xffff;

let crcTable: Uint32Array | null = null;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  crcTable = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crcTable[n] = c >>> 0;
  }
  return crcTable;
}

/** CRC-32 (IEEE) over several chunks, as zip needs it. */
export function crc32(chunks: readonly Uint8Array[]): number {
  const t = table();
  let c = 0xffffffff;
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length; i++) c = t[(c ^ chunk[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function dosDateTime(when: Date): { time: number; date: number } {
  const year = Math.min(Math.max(when.getFullYear(), 1980), 2107);
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
}

/** One entry: a folder (`data` absent, the name gets its trailing `/`) or a file. */
export interface ZipEntry {
  /** `/`-separated path inside the archive. */
  path: string;
  data?: readonly Uint8Array[];
}

/** Builds the archive's parts (pass them to a `Blob`). Throws past the plain-zip limits. */
export function buildZip(entries: readonly ZipEntry[], when = new Date()): Uint8Array[] {
  if (entries.length > MAX_ENTRIES) throw new Error('Too many items for one .zip file.');
  const encoder = new TextEncoder();
  const { time, date } = dosDateTime(when);
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const folder = entry.data === undefined;
    const name = encoder.encode(folder ? `${entry.path.replace(/\/+$/, '')}/` : entry.path);
    const data = entry.data ?? [];
    const size = data.reduce((sum, chunk) => sum + chunk.length, 0);
    const crc = crc32(data);
    if (offset + 30 + name.length + size > MAX_ZIP_BYTES)
      throw new Error('The folder is too large for one .zip file.');
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, 0, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, size, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const head = new Uint8Array(46 + name.length);
    const cv = new DataView(head.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 0x0300 | 20, true); // made by Unix, so readers take the names as UTF-8
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, size, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(38, folder ? ((0o40755 << 16) | 0x10) >>> 0 : (0o100644 << 16) >>> 0, true);
    cv.setUint32(42, offset, true);
    head.set(name, 46);
    central.push(head);
    parts.push(local, ...data);
    offset += local.length + size;
  }
  const centralSize = central.reduce((sum, c) => sum + c.length, 0);
  if (offset + centralSize + 22 > MAX_ZIP_BYTES)
    throw new Error('The folder is too large for one .zip file.');
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  return [...parts, ...central, end];
}
