/**
 * Browser-host downloads: main downloads into its data folder's
 * `downloads/`, then the page reads the finished files back in chunks
 * (`transfers:read-download`). Loose files become normal browser downloads;
 * a batch with folders keeps its tree (`save-tree.ts`): written into the
 * folder the user picked when the browser can (`showDirectoryPicker`), else
 * saved as one `.zip`. In Electron the user picks a local folder instead and
 * nothing comes back through the page.
 */
import { saveFile } from '../../ui/save-file';
import { downloadTree, readDownload, saveTreeAsZip, writeTree, type FolderHandle } from './save-tree';

/** How a finished browser-host batch reaches the user's disk. */
export interface PendingSave {
  /** The batch holds folders: keep the tree. */
  tree: boolean;
  /** Where the tree goes (picked at the click); null: one `.zip`. */
  target: FolderHandle | null;
}

/** Reads a finished download from main and saves it through the browser. */
export async function saveDownloadedItem(itemId: number): Promise<void> {
  const parts: Uint8Array[] = [];
  const name = await readDownload(itemId, (bytes) => void parts.push(bytes));
  saveFile(name || 'download', parts as BlobPart[]);
}

/** Hands a finished batch to the user: its tree (folder or `.zip`), or each file as a download. */
export async function saveFinishedBatch(batchId: number, how: PendingSave): Promise<void> {
  const entries = await downloadTree(batchId);
  if (entries.length === 0) return;
  if (!how.tree) {
    for (const entry of entries) if (!entry.folder) await saveDownloadedItem(entry.itemId);
  } else if (how.target) {
    await writeTree(how.target, entries);
  } else {
    await saveTreeAsZip(entries);
  }
}
