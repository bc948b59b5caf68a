import { describe, expect, it } from 'vitest';
import { ConfigError, envConfigOverrides, mergeDeep, resolveConfig } from '../../server/config';

describe('server config', () => {
  it('has valid defaults with the demo branding and six apps', () => {
    const config = resolveConfig();
    expect(config.branding.name).toBe('Demo Cloud');
    expect(config.branding.supportPhones).toEqual(['(877) 324-4776', '(602) 324-4780']);
    expect(config.apps).toHaveLength(6);
    expect(config.sessions.idleTimeoutSeconds).toBe(1800);
    expect(config.sessions.absoluteTimeoutSeconds).toBe(12 * 3600);
  });

  it('merges overrides deeply and replaces arrays', () => {
    const config = resolveConfig({
      branding: { supportPhones: ['1'] },
      sessions: { idleTimeoutSeconds: 60 },
    });
    expect(config.branding.supportPhones).toEqual(['1']);
    expect(config.branding.name).toBe('Demo Cloud');
    expect(config.sessions.idleTimeoutSeconds).toBe(60);
    expect(config.sessions.absoluteTimeoutSeconds).toBe(12 * 3600);
  });

  it('fails with a message naming the bad field', () => {
    expect(() => resolveConfig({ argon2: { memoryCost: 1024 } })).toThrow(ConfigError);
    expect(() => resolveConfig({ argon2: { memoryCost: 1024 } })).toThrow(/argon2\.memoryCost/);
    expect(() => resolveConfig({ sessions: { idleTimeoutSeconds: -1 } })).toThrow(
      /sessions\.idleTimeoutSeconds/,
    );
    expect(() => resolveConfig({ launch: { icaAddress: 'evil.example:1494' } })).toThrow(/allowedHosts/);
  });

  it('has the FTPS pre-login caps, bounded', () => {
    const config = resolveConfig();
    expect(config.ftps.maxPreLoginPerAddress).toBe(8);
    expect(config.ftps.preLoginTimeoutSeconds).toBe(10);
    expect(() => resolveConfig({ ftps: { maxPreLoginPerAddress: 0 } })).toThrow(/ftps\.maxPreLoginPerAddress/);
    expect(() => resolveConfig({ ftps: { preLoginTimeoutSeconds: 0 } })).toThrow(/ftps\.preLoginTimeoutSeconds/);
  });

  it('rejects duplicate app ids', () => {
    const app = resolveConfig().apps[0]!;
    expect(() => resolveConfig({ apps: [app, app] })).toThrow(/duplicate app id/);
  });

  it('does not let __proto__ in a file pollute objects', () => {
    const merged = mergeDeep({ a: 1 }, JSON.parse('{"__proto__":{"polluted":true},"b":2}'));
    expect(merged).toEqual({ a: 1, b: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads PORTICO_IDLE_TIMEOUT_SECONDS', () => {
    expect(envConfigOverrides({ PORTICO_IDLE_TIMEOUT_SECONDS: '120' })).toEqual({
      sessions: { idleTimeoutSeconds: 120 },
    });
    expect(envConfigOverrides({})).toEqual({});
    expect(() => envConfigOverrides({ PORTICO_IDLE_TIMEOUT_SECONDS: 'soon' })).toThrow(ConfigError);
  });
});
