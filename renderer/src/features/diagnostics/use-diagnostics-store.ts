import { create } from 'zustand';
import type { DiagnosticsSaveResult } from '../../../../preload/contract';
import { invoke } from '../../lib/invoke';

/** *Save diagnostics…*: busy flag and the last outcome for the live region. */
export interface DiagnosticsState {
  busy: boolean;
  message: string | null;
  /** Asks main for the bundle; in the browser host the page downloads it as a file. */
  save(): Promise<void>;
  clear(): void;
}

/** Offers `text` as a file download (browser host: no native save dialog). */
export function downloadText(fileName: string, text: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** The sentence the user hears/sees for an outcome. */
export function describeSave(result: DiagnosticsSaveResult): string {
  switch (result.status) {
    case 'saved':
      return `Diagnostics saved as ${result.fileName}.`;
    case 'download':
      return `Diagnostics downloaded as ${result.fileName}.`;
    case 'cancelled':
      return 'Diagnostics were not saved.';
  }
}

export const useDiagnosticsStore = create<DiagnosticsState>()((set, get) => ({
  busy: false,
  message: null,
  save: async () => {
    if (get().busy) return;
    set({ busy: true, message: 'Collecting diagnostics…' });
    const result = await invoke('diagnostics:save');
    if (!result.ok) {
      set({ busy: false, message: `Diagnostics could not be saved: ${result.error.message}` });
      return;
    }
    if (result.value.status === 'download') downloadText(result.value.fileName, result.value.text);
    set({ busy: false, message: describeSave(result.value) });
  },
  clear: () => set({ message: null }),
}));
