/**
 * Copies `text` to the clipboard: the async Clipboard API where the page may
 * use it, otherwise the selected read-only field and `execCommand('copy')`.
 */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
