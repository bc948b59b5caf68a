import { create } from 'zustand';
import type { DiagnosticsSaveResult } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';
import { saveFile } from '../../ui/save-file';

/** *Save diagnostics…*: busy flag and the last outcome for the live region. */
export interface DiagnosticsState {
  busy: boolean;
  message: string | null;
  /** Asks main for the bundle; in the browser host the page downloads it as a file. */
  save(): Promise<void>;
  clear(): void;
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
    if (result.value.status === 'download') saveFile(result.value.fileName, result.value.text);
    set({ busy: false, message: describeSave(result.value) });
  },
  clear: () => set({ message: null }),
}));
