/** A `WebSessionOpener` and a `Notifier` that only record calls. */
import type { Notifier, WebSessionOpener } from '../../main/ports';

export class RecordingWebSessions implements WebSessionOpener {
  readonly opened: { url: string; title: string; allowedOrigin: string }[] = [];

  async open(url: string, options: { title: string; allowedOrigin: string }): Promise<void> {
    this.opened.push({ url, ...options });
  }
}

export class RecordingNotifier implements Notifier {
  readonly notes: { title: string; body: string }[] = [];

  notify(title: string, body: string): void {
    this.notes.push({ title, body });
  }
}
