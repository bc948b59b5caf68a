/**
 * What the Transfers view's buttons and the drop target do: upload into the
 * current remote folder, download (native folder in Electron, through main
 * and the browser in the browser host).
 */
import type { ConflictPolicy } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { saveFinishedBatch, type PendingSave } from './download-file';
import { directoryPicker, type FolderHandle } from './save-tree';
import { uploadFiles, type PickedFile } from './upload-files';
import { childPath, useRemoteStore } from './use-remote-store';
import { useTransfersStore } from './use-transfers-store';

/** Browser-host download batches whose files are handed to the page once finished. */
const pendingSaves = new Map<number, PendingSave>();

function fail(error: unknown): void {
  useTransfersStore.getState().setError(error instanceof Error ? error.message : 'The transfer could not be started.');
}

/** Uploads picked or dropped files into the folder the browser shows. */
export async function uploadPicked(files: PickedFile[], conflict: ConflictPolicy = 'ask'): Promise<void> {
  if (files.length === 0) return;
  const store = useTransfersStore.getState();
  store.setError(null);
  try {
    // Staging progress shows from the first byte: a large file takes a while to reach main.
    await uploadFiles(files, useRemoteStore.getState().path, conflict, (staged, total) => store.setStaging({ staged, total }));
  } catch (error) {
    fail(error);
  } finally {
    store.setStaging(null);
  }
}

/**
 * Uploads what a drop delivered. Reading a dropped folder can fail (a file
 * removed meanwhile, a folder the browser may not read): the user is told,
 * instead of the drop silently doing nothing.
 */
export async function uploadDropped(files: Promise<PickedFile[]>): Promise<void> {
  let picked: PickedFile[];
  try {
    picked = await files;
  } catch {
    useTransfersStore.getState().setError('The dropped items could not be read. Try again, or use Upload… to pick them.');
    return;
  }
  await uploadPicked(picked);
}

/** Electron: native open dialog, then real paths. */
export async function uploadWithDialog(): Promise<void> {
  const picked = await invoke('transfers:pick-files');
  if (!picked.ok || picked.value.length === 0) return;
  const result = await invoke('transfers:upload-paths', { localPaths: picked.value, remoteDir: useRemoteStore.getState().path, conflict: 'ask' });
  if (!result.ok) useTransfersStore.getState().setError(result.error.message);
}

/** Downloads remote items: into a chosen folder (Electron) or through the browser. */
export async function downloadPaths(remotePaths: string[]): Promise<void> {
  if (remotePaths.length === 0) return;
  useTransfersStore.getState().setError(null);
  if (useTransfersStore.getState().nativeFiles) {
    const folder = await invoke('transfers:pick-folder');
    if (!folder.ok || !folder.value) return;
    const result = await invoke('transfers:download-to', { remotePaths, localDir: folder.value, conflict: 'ask' });
    if (!result.ok) useTransfersStore.getState().setError(result.error.message);
    return;
  }
  // A folder keeps its tree: where the browser can write one, the user picks the target now (it needs this click).
  const { path, entries } = useRemoteStore.getState();
  const chosen = new Set(remotePaths);
  const tree = entries.some((e) => e.type === 'dir' && chosen.has(childPath(path, e.name)));
  let target: FolderHandle | null = null;
  const picker = tree ? directoryPicker() : null;
  if (picker) {
    try {
      target = await picker({ mode: 'readwrite', id: 'portico-downloads' });
    } catch (error) {
      // The user closed the picker: nothing to download. Any other refusal: the tree comes as a .zip.
      if (error instanceof DOMException && error.name === 'AbortError') return;
    }
  }
  // Main's downloads/ folder is only a staging area here: the browser's own download is the real save.
  const result = await invoke('transfers:download', { remotePaths, conflict: 'overwrite' });
  if (!result.ok) {
    useTransfersStore.getState().setError(result.error.message);
    return;
  }
  pendingSaves.set(result.value.batchId, { tree, target });
}

/** Called on `transfers:batch-finished`: hands finished browser-host downloads to the page. */
export async function onBatchFinished(batchId: number): Promise<void> {
  const how = pendingSaves.get(batchId);
  if (how === undefined) return;
  pendingSaves.delete(batchId);
  try {
    await saveFinishedBatch(batchId, how);
  } catch (error) {
    fail(error);
  }
}
