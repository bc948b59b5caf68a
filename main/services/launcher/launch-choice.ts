/**
 * Which launch file to ask the portal for. Pure, so every combination of
 * the app's methods, what this machine can open and the user's preference
 * is unit-tested: the machine's answer comes from the native-client probe.
 */
import type { LaunchMethod, LaunchRequest } from '../../../common/contract';
import { PortalError } from '../core/errors';

/** Whether this machine can open a kind of launch file: found, not found, or could not tell. */
export type ClientAvailability = 'yes' | 'no' | 'unknown';

/** What the probe found for each native launch file. */
export interface NativeClients {
  ica: ClientAvailability;
  rdp: ClientAvailability;
}

/** The user's own launch preference (native client or light version), when set. */
export type { LaunchPreference } from '../../../common/contract';
import type { LaunchPreference } from '../../../common/contract';

/** What {@link chooseLaunch} decides. */
export type LaunchChoice =
  /** Try these in order (the next one only when the OS had no handler for the previous). */
  | { kind: 'try'; methods: LaunchMethod[] }
  /** No client for any file the app offers: say which to install. */
  | { kind: 'no-client'; missing: Array<'ica' | 'rdp'> };

/**
 * ICA before RDP, but only files the machine can open: a client found beats
 * one that could not be ruled out, and a client known to be missing is never
 * tried. A `light` preference opens the light version where the app has one.
 */
export function chooseLaunch(input: {
  methods: readonly LaunchMethod[];
  mode: LaunchRequest['mode'];
  clients: NativeClients;
  preference?: LaunchPreference | null;
}): LaunchChoice {
  const { methods, mode, clients } = input;
  const hasWeb = methods.includes('web');
  if (mode === 'web') {
    if (!hasWeb) throw new PortalError('invalid_request', 'This application has no light version.');
    return { kind: 'try', methods: ['web'] };
  }
  if (input.preference === 'light' && hasWeb) return { kind: 'try', methods: ['web'] };
  const native = (['ica', 'rdp'] as const).filter((method) => methods.includes(method));
  if (native.length === 0)
    throw new PortalError('invalid_request', 'This application can only be opened as the light version.');
  const found = native.filter((method) => clients[method] === 'yes');
  const maybe = native.filter((method) => clients[method] === 'unknown');
  if (found.length + maybe.length === 0) return { kind: 'no-client', missing: [...native] };
  return { kind: 'try', methods: [...found, ...maybe] };
}
