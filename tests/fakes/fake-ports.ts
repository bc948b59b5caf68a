/** Builds a full `Ports` from the fakes, with temp folders a test cleans up with `cleanup()`. */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Ports } from '../../main/ports';
import { FakeCipher } from './fake-cipher';
import { FakeClock } from './fake-clock';
import { FakeNativeClients } from './fake-native-clients';
import { MemorySettings } from './memory-settings';
import { RecordingOsLauncher } from './recording-os-launcher';
import { RecordingNotifier, RecordingWebSessions } from './recording-web-sessions';

export interface FakePorts extends Ports {
  cipher: FakeCipher;
  settings: MemorySettings;
  osLauncher: RecordingOsLauncher;
  webSessions: RecordingWebSessions;
  nativeClients: FakeNativeClients;
  notifier: RecordingNotifier;
  clock: FakeClock;
  cleanup(): void;
}

export function createFakePorts(options: { persist?: boolean; fetch?: typeof fetch; root?: string } = {}): FakePorts {
  const root = options.root ?? mkdtempSync(path.join(tmpdir(), 'portico-test-'));
  const userData = path.join(root, 'user-data');
  const temp = path.join(root, 'tmp');
  mkdirSync(userData, { recursive: true });
  mkdirSync(temp, { recursive: true });
  return {
    cipher: new FakeCipher({ persist: options.persist ?? true }),
    settings: new MemorySettings(),
    osLauncher: new RecordingOsLauncher(),
    webSessions: new RecordingWebSessions(),
    nativeClients: new FakeNativeClients(),
    notifier: new RecordingNotifier(),
    clock: new FakeClock(),
    paths: { userData, temp },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
