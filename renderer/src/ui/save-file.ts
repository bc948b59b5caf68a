/**
 * The one way the renderer saves a file: hands the bytes to the browser as a
 * download named `fileName`. It works in both shells (Electron's download
 * handling and the browser host), so no feature needs a native save dialog
 * for what the page already holds: backup codes, diagnostics, CSV exports,
 * browser-host transfers.
 */
export function saveFile(
  fileName: string,
  content: string | readonly BlobPart[],
  /** The MIME type; text defaults to `text/plain` (UTF-8), bytes to none. */
  type?: string,
  doc: Document = document,
): void {
  const blob =
    typeof content === 'string'
      ? new Blob([content], { type: `${type ?? 'text/plain'};charset=utf-8` })
      : new Blob([...content], type ? { type } : {});
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser time to start (and, for large files, read) the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
