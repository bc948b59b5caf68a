/**
 * Test doubles that end-to-end tests rely on, used when the host is started
 * with `recordLaunchesDir`: instead of handing things to the OS they write
 * JSON records there (the launch file's copy included, since the launcher
 * deletes its temp file after launch).
 *
 * Record files are named `<epoch-ms>-<seq>-<kind>.json` so a sorted listing is
 * chronological. Every record has `{kind, path, at}`, where `path` is what was
 * handed to the OS (a file path or a URL), so readers can filter uniformly:
 * - `open-path`:     `{kind, path, copy, mode, content, at}` (`mode` = permission bits as a number, e.g. 0o600)
 * - `open-external`: `{kind, path, url, at}`
 * - `web-session`:   `{kind, path, url, title, allowedOrigin, at}`
 */
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { OsLauncher, WebSessionOpener } from '../ports';
import { isAllowedExternalUrl } from '../shell-guards';

/** Shared writer for one records folder. */
export class LaunchRecorder {
  private seq = 0;

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes one record and returns its file path. */
  async record(kind: string, fields: Record<string, unknown>): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const at = this.now();
    this.seq += 1;
    const name = `${String(at).padStart(14, '0')}-${String(this.seq).padStart(4, '0')}-${kind}`;
    const file = join(this.dir, `${name}.json`);
    await writeFile(file, JSON.stringify({ kind, ...fields, at: new Date(at).toISOString() }, null, 2), {
      mode: 0o600,
    });
    return file;
  }

  /** Stem for a copied file that sits next to its record. */
  nextCopyName(original: string): string {
    return join(
      this.dir,
      `${String(this.now()).padStart(14, '0')}-${String(this.seq + 1).padStart(4, '0')}-${basename(original)}`,
    );
  }
}

/** OsLauncher that records instead of launching. */
export function createRecordingLauncher(recorder: LaunchRecorder): OsLauncher {
  return {
    openPath: async (filePath) => {
      try {
        const info = await stat(filePath);
        const content = await readFile(filePath, 'utf8');
        const copy = recorder.nextCopyName(filePath);
        await mkdir(join(copy, '..'), { recursive: true, mode: 0o700 });
        await copyFile(filePath, copy);
        await recorder.record('open-path', {
          path: filePath,
          copy,
          mode: info.mode & 0o777,
          content,
        });
        return { ok: true };
      } catch {
        return { ok: false, reason: 'failed', message: 'The launch file could not be recorded.' };
      }
    },
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error('Only https: and mailto: links can be opened.');
      await recorder.record('open-external', { path: url, url });
    },
  };
}

/** WebSessionOpener that records, then hands the URL to the page like the real browser host. */
export function createRecordingWebSessions(recorder: LaunchRecorder): WebSessionOpener {
  return {
    open: async (url, options) => {
      await recorder.record('web-session', {
        path: url,
        url,
        title: options.title,
        allowedOrigin: options.allowedOrigin,
      });
      return { openInPage: url };
    },
  };
}
