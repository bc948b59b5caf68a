/**
 * A folder drawn in SVG: an emoji needs an emoji font, and without one it is
 * an empty box. Decorative, so screen readers skip it (the button says "Open
 * folder …").
 */
export function FolderIcon() {
  return (
    <svg
      className="folder-icon"
      viewBox="0 0 20 16"
      width="18"
      height="14"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M1 3a2 2 0 0 1 2-2h4.2l2 2H17a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2z"
        fill="currentColor"
        opacity="0.85"
      />
    </svg>
  );
}
