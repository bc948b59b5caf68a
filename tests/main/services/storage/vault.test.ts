import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Vault, VAULT_FILE } from '../../../../main/services/storage/vault';
import { createFakePorts, type FakePorts } from '../../../fakes/fake-ports';

const SECRET = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** Every byte under `dir`, to prove a secret is nowhere on disk. */
function allFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'latin1'))
    .join('\n');
}

describe('Vault', () => {
  let ports: FakePorts;
  afterEach(() => ports.cleanup());

  it('persists sealed secrets with mode 0600 and reads them back', () => {
    ports = createFakePorts({ persist: true });
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    vault.set('session', SECRET);
    const file = path.join(ports.paths.userData, VAULT_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(allFileText(ports.paths.userData)).not.toContain(SECRET);
    expect(vault.status()).toEqual({ persistent: true, reason: null, problem: null });
    const reopened = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    expect(reopened.get('session')).toBe(SECRET);
    reopened.delete('session');
    expect(Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock }).get('session')).toBeUndefined();
    // Atomic writes leave no temp files behind.
    expect(readdirSync(ports.paths.userData)).toEqual([VAULT_FILE]);
  });

  it('keeps secrets in memory only when the cipher cannot persist, and says why', () => {
    ports = createFakePorts({ persist: false });
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    vault.set('session', SECRET);
    expect(vault.get('session')).toBe(SECRET);
    expect(existsSync(path.join(ports.paths.userData, VAULT_FILE))).toBe(false);
    expect(allFileText(path.dirname(ports.paths.userData))).not.toContain(SECRET);
    const status = vault.status();
    expect(status.persistent).toBe(false);
    expect(status.reason).toBe(ports.cipher.unavailableReason());
    expect(Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock }).get('session')).toBeUndefined();
  });

  it('leaves an existing vault untouched when persisting becomes impossible', () => {
    ports = createFakePorts({ persist: true });
    Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock }).set('session', SECRET);
    const file = path.join(ports.paths.userData, VAULT_FILE);
    const before = readFileSync(file, 'utf8');
    ports.cipher.persist = false;
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    vault.set('session', 'other');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', () => '{{{ nope'],
    ['wrong shape', () => JSON.stringify({ version: 9 })],
    ['undecryptable', () => JSON.stringify({ version: 1, sealed: Buffer.from('garbage').toString('base64') })],
  ])('moves a corrupt file aside and reports it (%s)', (_label, content) => {
    ports = createFakePorts({ persist: true });
    const file = path.join(ports.paths.userData, VAULT_FILE);
    writeFileSync(file, content());
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    const files = readdirSync(ports.paths.userData);
    const aside = files.find((f) => f.startsWith(`${VAULT_FILE}.corrupt-`));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(ports.paths.userData, aside!), 'utf8')).toBe(content());
    expect(vault.status().problem).toContain(aside);
    expect(vault.get('session')).toBeUndefined();
  });

  it('treats a file sealed by another keychain as corrupt rather than resetting it', () => {
    ports = createFakePorts({ persist: true });
    Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock }).set('session', SECRET);
    ports.cipher.failDecrypt = true;
    const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
    expect(vault.status().problem).toMatch(/kept aside/);
    expect(readdirSync(ports.paths.userData).some((f) => f.startsWith(`${VAULT_FILE}.corrupt-`))).toBe(true);
  });
});
