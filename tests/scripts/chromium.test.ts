import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumArgs as benchArgs, chromiumArgsWith, chromiumPath as benchPath } from '../../bench/support';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium';

describe('the shared Chromium launch settings', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses Debian Chromium unless PORTICO_CHROMIUM names another', () => {
    vi.stubEnv('PORTICO_CHROMIUM', undefined);
    expect(chromiumPath()).toBe('/usr/bin/chromium');
    vi.stubEnv('PORTICO_CHROMIUM', '/opt/chromium/chrome');
    expect(chromiumPath()).toBe('/opt/chromium/chrome');
  });

  it('starts without sandbox or GPU and without background traffic', () => {
    expect(chromiumArgs.join(' ')).toBe(
      '--no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync',
    );
  });

  it('is what the benchmarks use too', () => {
    expect(benchArgs).toBe(chromiumArgs);
    expect(benchPath).toBe(chromiumPath);
    expect(chromiumArgsWith('')).toBe(chromiumArgs);
    expect(chromiumArgsWith('--expose-gc')).toEqual([...chromiumArgs, '--js-flags=--expose-gc']);
  });
});
