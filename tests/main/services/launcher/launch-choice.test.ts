import { describe, expect, it } from 'vitest';
import { chooseLaunch, type NativeClients } from '../../../../main/services/launcher/launch-choice';
import type { LaunchMethod } from '../../../../common/contract';

const BOTH: LaunchMethod[] = ['ica', 'rdp', 'web'];
const clients = (ica: NativeClients['ica'], rdp: NativeClients['rdp']): NativeClients => ({ ica, rdp });

describe('chooseLaunch', () => {
  it('picks ICA first when the machine has the Citrix client', () => {
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('yes', 'yes') })).toEqual({
      kind: 'try',
      methods: ['ica', 'rdp'],
    });
  });

  it('gives a Windows user with mstsc but no Citrix RDP, not the light version', () => {
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('no', 'yes') })).toEqual({
      kind: 'try',
      methods: ['rdp'],
    });
  });

  it('tries a client found before one it could not rule out, and never one known to be missing', () => {
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('unknown', 'yes') })).toEqual({
      kind: 'try',
      methods: ['rdp', 'ica'],
    });
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('unknown', 'unknown') })).toEqual({
      kind: 'try',
      methods: ['ica', 'rdp'],
    });
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('yes', 'no') })).toEqual({
      kind: 'try',
      methods: ['ica'],
    });
  });

  it('names every client the app could use when none is installed', () => {
    expect(chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('no', 'no') })).toEqual({
      kind: 'no-client',
      missing: ['ica', 'rdp'],
    });
    expect(chooseLaunch({ methods: ['ica', 'web'], mode: 'native', clients: clients('no', 'yes') })).toEqual({
      kind: 'no-client',
      missing: ['ica'],
    });
  });

  it('only offers what the app has', () => {
    expect(chooseLaunch({ methods: ['rdp', 'web'], mode: 'native', clients: clients('yes', 'yes') })).toEqual(
      { kind: 'try', methods: ['rdp'] },
    );
    expect(() => chooseLaunch({ methods: ['web'], mode: 'native', clients: clients('yes', 'yes') })).toThrow(
      /only be opened as the light version/,
    );
    expect(() => chooseLaunch({ methods: ['ica'], mode: 'web', clients: clients('yes', 'yes') })).toThrow(
      /no light version/,
    );
  });

  it('opens the light version when asked, whatever is installed', () => {
    expect(chooseLaunch({ methods: BOTH, mode: 'web', clients: clients('yes', 'yes') })).toEqual({
      kind: 'try',
      methods: ['web'],
    });
  });

  it("lets the user's launch preference win", () => {
    expect(
      chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('yes', 'yes'), preference: 'light' }),
    ).toEqual({ kind: 'try', methods: ['web'] });
    // An app without a light version still starts natively.
    expect(
      chooseLaunch({ methods: ['rdp'], mode: 'native', clients: clients('no', 'yes'), preference: 'light' }),
    ).toEqual({ kind: 'try', methods: ['rdp'] });
    expect(
      chooseLaunch({ methods: BOTH, mode: 'native', clients: clients('no', 'yes'), preference: 'native' }),
    ).toEqual({ kind: 'try', methods: ['rdp'] });
  });
});
