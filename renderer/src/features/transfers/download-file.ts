/**
 * Browser-host downloads: main downloads into its data folder's
 * `downloads/`, then the page reads the finished file back in chunks
 * (`transfers:read-download`) and offers it as a normal browser download.
 * In Electron the user picks a local folder instead and nothing comes back
 * through the page.
 */
import type { TransferItemView } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { saveFile } from '../../ui/save-file';

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Finds the items of a batch, scanning the queue from its end (new batches are appended). */
export async function itemsOfBatch(batchId: number, count: number): Promise<TransferItemView[]> {
  const first = await invoke('transfers:page', { offset: 0, limit: 1 });
  if (!first.ok) return [];
  const found: TransferItemView[] = [];
  for (let end = first.value.total; end > 0 && found.length < count; end -= 500) {
    const offset = Math.max(0, end - 500);
    const page = await invoke('transfers:page', { offset, limit: end - offset });
    if (!page.ok) break;
    found.push(...page.value.items.filter((i) => i.batchId === batchId));
  }
  return found;
}

/** Reads a finished download from main and saves it through the browser. */
export async function saveDownloadedItem(itemId: number): Promise<void> {
  const parts: Uint8Array[] = [];
  let offset = 0;
  let name = 'download';
  for (;;) {
    const chunk = await invoke('transfers:read-download', { itemId, offset });
    if (!chunk.ok) throw new Error(chunk.error.message);
    name = chunk.value.name;
    const bytes = fromBase64(chunk.value.data);
    parts.push(bytes);
    offset += bytes.length;
    if (chunk.value.eof || bytes.length === 0) break;
  }
  saveFile(name, parts as BlobPart[]);
}
