/**
 * Fuzz: 10,000 malformed messages per channel against the real schemas.
 * Every message is malformed by construction (a definite violation is
 * always applied), so every answer must be a typed `invalid_request`, no
 * handler may run, nothing may throw and no rejection may go unhandled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvokeChannel } from '../../../common/contract';
import type { Handlers } from '../../../main/ipc/handler-types';
import { createRouter } from '../../../main/ipc/router';
import { channelSchemas } from '../../../main/ipc/schemas';

const PER_CHANNEL = 10_000;
const trusted = { trusted: true, description: 'fuzz' };

/** Small deterministic PRNG so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\r\n', 'a'.repeat(5000), 'x'.repeat(70_000), '../../etc/passwd', 'javascript:alert(1)', 'file:///C:/Windows',
  '<script>alert(1)</script>', '{"__proto__":{"polluted":true}}', 'DROP TABLE users;--', '\uFFFF\uD800', 'smb://evil/share', 'UPPER-CASE',
];

function randomString(rng: Rng): string {
  if (rng.next() < 0.4) return rng.pick(HOSTILE_STRINGS);
  const len = rng.pick([0, 1, 8, 64, 65, 129, 1025, 2049, 10_000]);
  let s = '';
  const alphabet = 'abcXYZ09-_:/.%\u0000\n\u00e9\u{1F600}[]=';
  for (let i = 0; i < Math.min(len, 300); i++) s += alphabet[rng.int(alphabet.length)];
  return len > 300 ? s + 'y'.repeat(len - 300) : s;
}

/** A random JSON-ish value (nested up to `depth`). */
function randomValue(rng: Rng, depth = 3): unknown {
  const kind = rng.int(depth > 0 ? 10 : 7);
  switch (kind) {
    case 0: return null;
    case 1: return undefined;
    case 2: return rng.next() < 0.5;
    case 3: return rng.pick([0, -1, 1e308, Number.NaN, Infinity, 2 ** 53 + 1, -0, 3.14]);
    case 4: return randomString(rng);
    case 5: return BigInt(rng.int(1000));
    case 6: return rng.pick([[], {}, Object.create(null)]);
    case 7: return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth - 1));
    case 8: return randomObject(rng, depth - 1);
    default: return deepNest(rng.int(200) + 1);
  }
}

function randomObject(rng: Rng, depth: number): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = rng.int(4); i > 0; i--) Object.defineProperty(o, randomKey(rng), { value: randomValue(rng, depth), enumerable: true, configurable: true, writable: true });
  return o;
}

function randomKey(rng: Rng): string {
  return rng.next() < 0.5 ? rng.pick(POLLUTION_KEYS) : randomString(rng).slice(0, 20);
}

function deepNest(levels: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A value that is definitely not of the expected primitive type. */
function wrongType(rng: Rng, expected: Field['type']): unknown {
  for (;;) {
    const v = randomValue(rng);
    if (expected === 'array' ? !Array.isArray(v) : typeof v !== expected) return v;
  }
}

interface Field {
  name: string;
  type: 'string' | 'boolean' | 'number' | 'array';
  /** Values of the right type that the schema must still refuse. */
  invalidStrings?: (rng: Rng) => unknown;
}

const appIdField: Field = {
  name: 'appId',
  type: 'string',
  invalidStrings: (rng) => rng.pick(['', 'A', 'a_b', 'a b', '../x', 'x'.repeat(65), '7zip\u0000', 'é', '7ZIP', '__proto__']),
};
const FIELDS: Partial<Record<InvokeChannel, { valid: Record<string, unknown>; fields: Field[] }>> = {
  'auth:sign-in': {
    valid: { portalUrl: 'https://portal.example', username: 'demo', password: 'pw' },
    fields: [
      { name: 'portalUrl', type: 'string', invalidStrings: (rng) => rng.pick(['', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x', 'nota url', `https://x.example/${'a'.repeat(2048)}`]) },
      { name: 'username', type: 'string', invalidStrings: (rng) => rng.pick(['', 'u'.repeat(129), 'a\nb', '\u0000']) },
      { name: 'password', type: 'string', invalidStrings: (rng) => rng.pick(['', 'p'.repeat(1025), 'p'.repeat(70_000)]) },
    ],
  },
  'apps:set-favorite': { valid: { appId: '7zip', favorite: true }, fields: [appIdField, { name: 'favorite', type: 'boolean' }] },
  'apps:launch': {
    valid: { appId: '7zip', mode: 'native' },
    fields: [appIdField, { name: 'mode', type: 'string', invalidStrings: (rng) => rng.pick(['', 'NATIVE', 'ica', 'web ', 'x'.repeat(5000)]) }],
  },
  'apps:set-launch-preference': {
    valid: { preference: 'light' },
    fields: [{ name: 'preference', type: 'string', invalidStrings: (rng) => rng.pick(['', 'web', 'LIGHT', 'native ', 'x'.repeat(5000)]) }],
  },
  // File transfers.
  ...transferFields(),
};

/** Fuzz specs of the `transfers:*` channels that take a request. */
function transferFields(): Partial<Record<InvokeChannel, { valid: Record<string, unknown>; fields: Field[] }>> {
  const remotePath: Omit<Field, 'name'> = { type: 'string', invalidStrings: (rng) => rng.pick(['', 'relative', '/a/../b', '/a\r\nDELE x', '/a\\b', `/${'p'.repeat(5000)}`, '/./x']) };
  const name: Omit<Field, 'name'> = { type: 'string', invalidStrings: (rng) => rng.pick(['', '..', '.', 'a/b', 'a\\b', 'a\u0000', 'n'.repeat(256)]) };
  const count: Omit<Field, 'name'> = { type: 'number', invalidStrings: (rng) => rng.pick([-1, 1.5, Number.NaN, Infinity, 2 ** 60]) };
  const conflict: Field = { name: 'conflict', type: 'string', invalidStrings: (rng) => rng.pick(['', 'OVERWRITE', 'delete', 'x'.repeat(100)]) };
  const paths: Omit<Field, 'name'> = { type: 'array', invalidStrings: (rng) => rng.pick([[], ['relative'], ['/a\u0000'], Array.from({ length: 1001 }, () => '/a')]) };
  const uploadId: Field = { name: 'uploadId', type: 'string', invalidStrings: (rng) => rng.pick(['', 'short', '../../etc/passwd-xxxxxxxx', 'a'.repeat(65)]) };
  const ids: Field = { name: 'ids', type: 'array', invalidStrings: (rng) => rng.pick([[], [-1], ['1'], [1.5]]) };
  return {
    'transfers:page': { valid: { offset: 0, limit: 10 }, fields: [{ name: 'offset', ...count }, { name: 'limit', type: 'number', invalidStrings: (rng) => rng.pick([0, 1001, -5, 2.5]) }] },
    'transfers:list-remote': { valid: { path: '/' }, fields: [{ name: 'path', ...remotePath }] },
    'transfers:create-folder': { valid: { parent: '/', name: 'New' }, fields: [{ name: 'parent', ...remotePath }, { name: 'name', ...name }] },
    'transfers:rename': { valid: { path: '/a', newName: 'b' }, fields: [{ name: 'path', ...remotePath }, { name: 'newName', ...name }] },
    'transfers:delete': { valid: { path: '/a', kind: 'file' }, fields: [{ name: 'path', ...remotePath }, { name: 'kind', type: 'string', invalidStrings: (rng) => rng.pick(['', 'FILE', 'link']) }] },
    'transfers:upload-paths': { valid: { localPaths: ['/tmp/a'], remoteDir: '/', conflict: 'ask' }, fields: [{ name: 'localPaths', ...paths }, { name: 'remoteDir', ...remotePath }, conflict] },
    'transfers:upload-begin': {
      valid: { remoteDir: '/', conflict: 'ask', files: [{ relativePath: 'a.txt', size: 1, lastModified: 0 }] },
      fields: [
        { name: 'remoteDir', ...remotePath },
        conflict,
        { name: 'files', type: 'array', invalidStrings: (rng) => rng.pick([[], [{ relativePath: '../a', size: 1, lastModified: 0 }], [{ relativePath: 'a', size: -1, lastModified: 0 }], [{ relativePath: 'a//b', size: 1, lastModified: 0 }]]) },
      ],
    },
    'transfers:upload-chunk': {
      valid: { uploadId: 'abcdefghijklmnopqrstuvwx', fileIndex: 0, offset: 0, data: 'YWJj' },
      fields: [uploadId, { name: 'fileIndex', ...count }, { name: 'offset', ...count }, { name: 'data', type: 'string', invalidStrings: (rng) => rng.pick(['!!!!', 'A'.repeat(200_000), 'ab\ncd']) }],
    },
    'transfers:upload-end': { valid: { uploadId: 'abcdefghijklmnopqrstuvwx' }, fields: [uploadId] },
    'transfers:upload-abort': { valid: { uploadId: 'abcdefghijklmnopqrstuvwx' }, fields: [uploadId] },
    'transfers:download': { valid: { remotePaths: ['/a'], conflict: 'ask' }, fields: [{ name: 'remotePaths', ...paths }, conflict] },
    'transfers:download-to': {
      valid: { remotePaths: ['/a'], localDir: '/tmp', conflict: 'ask' },
      fields: [{ name: 'remotePaths', ...paths }, { name: 'localDir', type: 'string', invalidStrings: (rng) => rng.pick(['', 'a\u0000', 'x'.repeat(5000)]) }, conflict],
    },
    'transfers:read-download': { valid: { itemId: 1, offset: 0 }, fields: [{ name: 'itemId', ...count }, { name: 'offset', ...count }] },
    'transfers:download-tree': { valid: { batchId: 1 }, fields: [{ name: 'batchId', ...count }] },
    'transfers:drag-out-prepare': { valid: { path: '/a' }, fields: [{ name: 'path', ...remotePath }] },
    'transfers:drag-out-read': {
      valid: { token: 'A'.repeat(43), offset: 0 },
      fields: [{ name: 'token', type: 'string', invalidStrings: (rng) => rng.pick(['', 'A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}!`]) }, { name: 'offset', ...count }],
    },
    'transfers:pause': { valid: { ids: [1] }, fields: [ids] },
    'transfers:resume': { valid: { ids: [1] }, fields: [ids] },
    'transfers:cancel': { valid: { ids: [1] }, fields: [ids] },
    'transfers:move': { valid: { id: 1, toIndex: 0 }, fields: [{ name: 'id', ...count }, { name: 'toIndex', ...count }] },
    'transfers:resolve-conflict': {
      valid: { id: 1, choice: 'skip', applyToBatch: false },
      fields: [{ name: 'id', ...count }, { name: 'choice', type: 'string', invalidStrings: (rng) => rng.pick(['', 'ask', 'SKIP']) }, { name: 'applyToBatch', type: 'boolean' }],
    },
  };
}

/** One malformed args value for `channel`. */
function malformed(rng: Rng, channel: InvokeChannel): unknown {
  const spec = FIELDS[channel];
  const strategies = spec ? 7 : 3;
  switch (rng.int(strategies)) {
    case 0: {
      // Not an array at all.
      for (;;) {
        const v = randomValue(rng);
        if (!Array.isArray(v)) return v;
      }
    }
    case 1: {
      // Too many elements.
      const base = spec ? [{ ...spec.valid }] : [];
      return [...base, ...Array.from({ length: rng.int(4) + 1 }, () => randomValue(rng))];
    }
    case 2: {
      // No-arg channels: an array-like object; one-arg channels: no request or a non-object one.
      if (!spec) return { length: 0 };
      return rng.pick([[], [null], [1], ['x'], [[]], [true], [undefined]]);
    }
    case 3: {
      // A field of the wrong type.
      const field = rng.pick(spec!.fields);
      return [{ ...spec!.valid, [field.name]: wrongType(rng, field.type) }];
    }
    case 4: {
      // A required field missing.
      const field = rng.pick(spec!.fields);
      const copy: Record<string, unknown> = { ...spec!.valid };
      delete copy[field.name];
      return [copy];
    }
    case 5: {
      // An extra key (prototype-pollution names included), set as an own property.
      const copy: Record<string, unknown> = { ...spec!.valid };
      Object.defineProperty(copy, randomKey(rng) || 'extra', { value: randomValue(rng), enumerable: true, configurable: true, writable: true });
      if (rng.next() < 0.3) return JSON.parse(`[${JSON.stringify({ ...spec!.valid }).slice(0, -1)},"__proto__":{"polluted":true}}]`);
      return [copy];
    }
    default: {
      // Right type, invalid content.
      const field = rng.pick(spec!.fields.filter((f) => f.invalidStrings));
      return [{ ...spec!.valid, [field.name]: field.invalidStrings!(rng) }];
    }
  }
}

describe('router fuzz', () => {
  let unhandled = 0;
  const onUnhandled = () => void (unhandled += 1);
  beforeEach(() => {
    unhandled = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it(`answers ${PER_CHANNEL} malformed messages per channel with typed errors`, { timeout: 180_000 }, async () => {
    let handlerCalls = 0;
    const handlers = Object.fromEntries(
      Object.keys(channelSchemas).map((c) => [
        c,
        () => {
          handlerCalls += 1;
          return Promise.reject(new Error('handler must not run'));
        },
      ]),
    ) as unknown as Handlers;
    const router = createRouter(handlers, channelSchemas);
    const rng = prng(20260501);
    let throws = 0;
    const failures: string[] = [];
    for (const channel of Object.keys(channelSchemas) as InvokeChannel[]) {
      for (let i = 0; i < PER_CHANNEL; i++) {
        const args = malformed(rng, channel);
        try {
          const result = await router.handle(channel, args, trusted);
          if (result.ok || result.error.code !== 'invalid_request' || typeof result.error.message !== 'string') {
            if (failures.length < 5) failures.push(`${channel} #${i}: ${JSON.stringify(result).slice(0, 200)}`);
          }
        } catch {
          throws += 1;
        }
      }
    }
    // Let any stray rejection surface before counting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failures).toEqual([]);
    expect(throws).toBe(0);
    expect(handlerCalls).toBe(0);
    expect(unhandled).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers random channel names and untrusted senders with typed errors', { timeout: 60_000 }, async () => {
    const router = createRouter({} as Handlers, channelSchemas);
    const rng = prng(7);
    for (let i = 0; i < 10_000; i++) {
      const channel = rng.next() < 0.5 ? randomValue(rng) : randomKey(rng);
      const result = await router.handle(channel as string, randomValue(rng), trusted);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['unknown_channel', 'invalid_request']).toContain(result.error.code);
      const untrusted = await router.handle(rng.pick(Object.keys(channelSchemas)), randomValue(rng), { trusted: false, description: 'x' });
      expect(untrusted).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(unhandled).toBe(0);
  });
});
