/** A `WebSessionOpener` and a `Notifier` that only record calls. */
import type { Notifier, WebSessionOpener } from '../../main/ports';

export class RecordingWebSessions implements WebSessionOpener {
  readonly opened: { url: string; title: string; allowedOrigin: string }[] = [];
  /** Answer like the browser host: hand the URL back for the page to open. */
  openInPage = false;

  async open(url: string, options: { title: string; allowedOrigin: string }): Promise<void | { openInPage: string }> {
    this.opened.push({ url, ...options });
    return this.openInPage ? { openInPage: url } : undefined;
  }
}

export class RecordingNotifier implements Notifier {
  readonly notes: { title: string; body: string }[] = [];

  notify(title: string, body: string): void {
    this.notes.push({ title, body });
  }
}
