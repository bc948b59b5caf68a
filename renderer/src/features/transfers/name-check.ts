/**
 * The checks *New folder* and *Rename* make before anything is sent, so the
 * message sits next to the field: an empty name, a path instead of a name,
 * a reserved name, or one already taken in this folder (never overwritten:
 * the portal refuses it too).
 */
export function checkNewName(name: string, taken: readonly string[], current?: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name.';
  if (trimmed === '.' || trimmed === '..') return `“${trimmed}” is reserved. Choose another name.`;
  if (/[/\\]/.test(trimmed)) return 'A name cannot contain “/” or “\\”.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return 'A name cannot contain control characters.';
  if (trimmed.length > 255) return 'Use at most 255 characters.';
  if (trimmed !== current && taken.includes(trimmed))
    return `A file or folder named “${trimmed}” already exists here. Choose another name.`;
  return null;
}
