/** An `OsLauncher` that records what it was asked to open, including the file as it was at that moment. */
import { readFileSync, statSync } from 'node:fs';
import type { OsLauncher } from '../../main/ports';

export interface OpenedFile {
  path: string;
  content: string;
  /** Permission bits at open time (e.g. 0o600). */
  mode: number;
}

export class RecordingOsLauncher implements OsLauncher {
  readonly opened: OpenedFile[] = [];
  readonly externals: string[] = [];
  /** What the next `openPath` answers. */
  outcome: 'ok' | 'no-handler' | 'failed' = 'ok';

  async openPath(filePath: string) {
    this.opened.push({ path: filePath, content: readFileSync(filePath, 'utf8'), mode: statSync(filePath).mode & 0o777 });
    if (this.outcome === 'ok') return { ok: true as const };
    return { ok: false as const, reason: this.outcome, message: `simulated ${this.outcome}` };
  }

  async openExternal(url: string): Promise<void> {
    this.externals.push(url);
  }
}
