/**
 * Runtime schemas of the `transfers:*` channels. Spread into
 * `channelSchemas`; the exactness check there covers them too. Remote paths
 * and names are checked again by the engine (`isValidRemotePath`,
 * `isValidNewName`); these schemas bound sizes and shapes.
 */
import { z } from 'zod';
import { textCheck } from '../../common/text/guard';

/** Raw bytes per upload chunk / download read; base64 keeps a message under the 256 KiB wire limit. */
export const TRANSFER_CHUNK_BYTES = 128 * 1024;
/** Longest base64 text a chunk may carry. */
export const MAX_CHUNK_BASE64 = 4 * Math.ceil(TRANSFER_CHUNK_BYTES / 3);
/** Raw bytes per binary staging chunk (browser host: a raw WebSocket frame, see `wire-protocol.ts`). */
export const STAGING_CHUNK_BYTES = 1024 * 1024;
/** Files one upload may announce (a large dropped folder is sent as several uploads). */
export const MAX_UPLOAD_FILES = 5000;

/** Paths and names are single lines: no control, line-separator, bidi or lone-surrogate characters. */
const safeLine = textCheck();

/** An absolute remote path inside the user's folder: `/`, `/a/b`. */
export const remotePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .check(safeLine)
  .refine((p) => p.startsWith('/') && !p.includes('\\') && !p.split('/').some((s) => s === '..' || s === '.'));

/** One path segment the user typed (new folder, rename). */
export const remoteNameSchema = z
  .string()
  .min(1)
  .max(255)
  .check(safeLine)
  .refine((n) => !n.includes('/') && !n.includes('\\') && n !== '.' && n !== '..');

/** A relative path of a dropped file: `a/b/c.txt`, no empty, `.` or `..` segments. */
export const relativePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .check(safeLine)
  .refine((p) => {
    const parts = p.split('/');
    return parts.length <= 64 && !p.includes('\\') && parts.every((s) => s.length > 0 && s.length <= 255 && s !== '.' && s !== '..');
  });

/** Absolute local paths (Electron only): POSIX `/…` or a Windows drive `C:\…`; UNC shares are refused. */
const localPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .check(safeLine)
  .regex(/^(\/|[A-Za-z]:[\\/])/);

const idsSchema = z.strictObject({ ids: z.array(z.number().int().min(0)).min(1).max(100_000) });
const conflictChoice = z.enum(['overwrite', 'overwrite-if-newer', 'resume', 'rename', 'skip']);
const conflictPolicy = z.enum(['ask', 'overwrite', 'overwrite-if-newer', 'resume', 'rename', 'skip']);
const uploadId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** The schemas, keyed by channel. */
export const transferChannelSchemas = {
  'transfers:get-state': z.tuple([]),
  'transfers:page': z.tuple([z.strictObject({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) })]),
  'transfers:list-remote': z.tuple([z.strictObject({ path: remotePathSchema })]),
  'transfers:create-folder': z.tuple([z.strictObject({ parent: remotePathSchema, name: remoteNameSchema })]),
  'transfers:rename': z.tuple([z.strictObject({ path: remotePathSchema, newName: remoteNameSchema })]),
  'transfers:delete': z.tuple([z.strictObject({ path: remotePathSchema, kind: z.enum(['file', 'dir']) })]),
  'transfers:upload-paths': z.tuple([
    z.strictObject({ localPaths: z.array(localPathSchema).min(1).max(1000), remoteDir: remotePathSchema, conflict: conflictPolicy }),
  ]),
  'transfers:upload-begin': z.tuple([
    z
      .strictObject({
        remoteDir: remotePathSchema,
        conflict: conflictPolicy,
        files: z
          .array(
            z.strictObject({
              relativePath: relativePathSchema,
              size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
              lastModified: z.number().int().min(0).max(8.64e15),
            }),
          )
          .max(MAX_UPLOAD_FILES),
        folders: z.array(relativePathSchema).max(MAX_UPLOAD_FILES).optional(),
      })
      .refine((r) => r.files.length + (r.folders?.length ?? 0) >= 1),
  ]),
  'transfers:upload-chunk': z.tuple([
    z.strictObject({
      uploadId,
      fileIndex: z.number().int().min(0).max(MAX_UPLOAD_FILES),
      offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      data: z.union([
        z.string().max(MAX_CHUNK_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
        z.custom<Uint8Array>((bytes) => bytes instanceof Uint8Array && bytes.length >= 1 && bytes.length <= STAGING_CHUNK_BYTES),
      ]),
    }),
  ]),
  'transfers:upload-end': z.tuple([z.strictObject({ uploadId })]),
  'transfers:upload-abort': z.tuple([z.strictObject({ uploadId })]),
  'transfers:download': z.tuple([z.strictObject({ remotePaths: z.array(remotePathSchema).min(1).max(1000), conflict: conflictPolicy })]),
  'transfers:download-to': z.tuple([
    z.strictObject({ remotePaths: z.array(remotePathSchema).min(1).max(1000), localDir: localPathSchema, conflict: conflictPolicy }),
  ]),
  'transfers:read-download': z.tuple([z.strictObject({ itemId: z.number().int().min(0), offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })]),
  'transfers:download-tree': z.tuple([z.strictObject({ batchId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })]),
  'transfers:drag-out-prepare': z.tuple([z.strictObject({ path: remotePathSchema })]),
  'transfers:drag-out-read': z.tuple([
    z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
  ]),
  'transfers:pick-files': z.tuple([]),
  'transfers:pick-folder': z.tuple([]),
  'transfers:pause': z.tuple([idsSchema]),
  'transfers:resume': z.tuple([idsSchema]),
  'transfers:cancel': z.tuple([idsSchema]),
  'transfers:pause-all': z.tuple([]),
  'transfers:resume-all': z.tuple([]),
  'transfers:cancel-all': z.tuple([]),
  'transfers:move': z.tuple([z.strictObject({ id: z.number().int().min(0), toIndex: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })]),
  'transfers:retry-failed': z.tuple([]),
  'transfers:resolve-conflict': z.tuple([z.strictObject({ id: z.number().int().min(0), choice: conflictChoice, applyToBatch: z.boolean() })]),
  'transfers:clear-finished': z.tuple([]),
};
