/** A `NativeClientProbe` whose answer a test sets, counting how often it was asked. */
import type { NativeClients } from '../../main/services/launcher/launch-choice';
import type { NativeClientProbe } from '../../main/services/launcher/native-clients';

export class FakeNativeClients implements NativeClientProbe {
  /** What the next `detect` answers (both clients present by default). */
  clients: NativeClients = { ica: 'yes', rdp: 'yes' };
  calls = 0;

  async detect(): Promise<NativeClients> {
    this.calls += 1;
    return { ...this.clients };
  }
}
