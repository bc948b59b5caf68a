import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ConflictDialog } from './ConflictDialog';
import { DropOverlay } from './DropOverlay';
import { QueuePanel } from './QueuePanel';
import { RemoteBrowser } from './RemoteBrowser';
import { downloadPaths, uploadDropped, uploadPicked, uploadWithDialog } from './transfer-actions';
import { filesFromDrop, filesFromInput } from './upload-files';
import { useRemoteStore } from './use-remote-store';
import { useTransfersStore } from './use-transfers-store';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** Tracks file drags over the whole window and uploads what is dropped. */
function useWindowDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      // Without preventDefault the browser would open the file instead of dropping it here.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      if (!event.dataTransfer) return;
      // Entries must be read during the event; the upload itself runs afterwards.
      void uploadDropped(filesFromDrop(event.dataTransfer));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/** The Transfers view: remote browser beside the queue, drop anywhere to upload. */
export function TransfersView() {
  const dragging = useWindowDrop();
  const path = useRemoteStore((s) => s.path);
  const { announcement, error, nativeFiles, setError } = useTransfersStore(
    useShallow((s) => ({ announcement: s.announcement, error: s.error, nativeFiles: s.nativeFiles, setError: s.setError })),
  );
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useTransfersStore.getState().load();
    void useRemoteStore.getState().refresh();
  }, []);

  const onUploadClick = () => {
    if (nativeFiles) void uploadWithDialog();
    else input.current?.click();
  };

  return (
    <div className="transfers">
      <h1 className="sr-only">Transfers</h1>
      {error && (
        <div className="transfers-error" role="alert">
          {error}{' '}
          <button type="button" className="link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label="Files to upload"
        data-testid="upload-input"
        onChange={(e) => {
          const list = e.currentTarget.files;
          if (list) void uploadPicked(filesFromInput(list));
          e.currentTarget.value = '';
        }}
      />
      <div className="transfers-panes">
        <RemoteBrowser onDownload={(paths) => void downloadPaths(paths)} onUploadClick={onUploadClick} />
        <QueuePanel />
      </div>
      <p className="sr-only" role="status" aria-live="polite" data-testid="transfers-announcement">
        {announcement}
      </p>
      {dragging && <DropOverlay folder={path === '/' ? 'My files' : path} />}
      <ConflictDialog />
    </div>
  );
}
