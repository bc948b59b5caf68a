/** The full-window drop target shown while files are dragged over the window. */
export function DropOverlay({ folder }: { folder: string }) {
  return (
    <div className="transfers-drop-overlay" role="presentation" data-testid="drop-overlay">
      <p>Drop files or folders to upload to {folder}</p>
    </div>
  );
}
