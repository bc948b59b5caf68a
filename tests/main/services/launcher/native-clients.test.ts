import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNativeClientProbe, type ProbeSystem } from '../../../../main/services/launcher/native-clients';

/** A system of listed files and scripted command answers; records what was run. */
function fakeSystem(
  platform: NodeJS.Platform,
  options: {
    files?: string[];
    run?: (command: string, args: string[]) => { code: number; stdout: string } | null;
  } = {},
): ProbeSystem & { ran: string[] } {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  return {
    platform,
    pathVariable: ['/usr/local/bin', '/usr/bin', 'relative/bin'].join(path.delimiter),
    home: '/home/ann',
    exists: async (file) => files.has(file),
    run: async (command, args) => {
      ran.push([command, ...args].join(' '));
      return options.run ? options.run(command, args) : null;
    },
    ran,
  };
}

describe('native client probe', () => {
  it('Windows: asks the registry for a .ica and a .rdp handler', async () => {
    const system = fakeSystem('win32', {
      run: (_c, args) => ({ code: args[1] === 'HKCR\\.rdp' ? 0 : 1, stdout: '' }),
    });
    expect(await createNativeClientProbe(system).detect()).toEqual({ ica: 'no', rdp: 'yes' });
    expect(system.ran.sort()).toEqual(['reg.exe query HKCR\\.ica /ve', 'reg.exe query HKCR\\.rdp /ve']);
  });

  it('Windows: a registry that cannot be asked says nothing', async () => {
    expect(await createNativeClientProbe(fakeSystem('win32')).detect()).toEqual({
      ica: 'unknown',
      rdp: 'unknown',
    });
  });

  it('Linux: wfica and xfreerdp on PATH (absolute entries only)', async () => {
    const system = fakeSystem('linux', {
      files: ['/usr/local/bin/wfica', '/usr/bin/xfreerdp', 'relative/bin/remmina'],
    });
    expect(await createNativeClientProbe(system).detect()).toEqual({ ica: 'yes', rdp: 'yes' });
    expect(system.ran).toEqual([]);
  });

  it("Linux: Citrix's own folder counts for ICA; a default desktop handler counts too", async () => {
    const system = fakeSystem('linux', {
      files: ['/opt/Citrix/ICAClient/wfica'],
      run: (_c, args) => ({
        code: 0,
        stdout: args[2] === 'application/x-rdp' ? 'org.remmina.Remmina.desktop\n' : '',
      }),
    });
    expect(await createNativeClientProbe(system).detect()).toEqual({ ica: 'yes', rdp: 'yes' });
  });

  it('Linux: nothing on PATH and no desktop handler is "no"; without xdg-mime it cannot tell', async () => {
    const none = fakeSystem('linux', {
      files: ['relative/bin/xfreerdp'],
      run: () => ({ code: 0, stdout: '\n' }),
    });
    expect(await createNativeClientProbe(none).detect()).toEqual({ ica: 'no', rdp: 'no' });
    expect(await createNativeClientProbe(fakeSystem('linux')).detect()).toEqual({
      ica: 'unknown',
      rdp: 'unknown',
    });
  });

  it('macOS: the Citrix Workspace app, for everyone or this user; otherwise unknown', async () => {
    const system = fakeSystem('darwin', { files: ['/home/ann/Applications/Citrix Workspace.app'] });
    expect(await createNativeClientProbe(system).detect()).toEqual({ ica: 'yes', rdp: 'unknown' });
    const rdp = fakeSystem('darwin', { files: ['/Applications/Windows App.app'] });
    expect(await createNativeClientProbe(rdp).detect()).toEqual({ ica: 'unknown', rdp: 'yes' });
  });

  it('a probe that throws, or an unknown platform, says nothing', async () => {
    const broken: ProbeSystem = { ...fakeSystem('linux'), exists: () => Promise.reject(new Error('EIO')) };
    expect(await createNativeClientProbe(broken).detect()).toEqual({ ica: 'unknown', rdp: 'unknown' });
    expect(await createNativeClientProbe(fakeSystem('aix')).detect()).toEqual({
      ica: 'unknown',
      rdp: 'unknown',
    });
  });
});
