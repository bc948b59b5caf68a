/**
 * Invalid Unicode on every route: NUL and a lone surrogate in each string
 * field of every endpoint's body and query, on a request that is otherwise
 * well formed, on both databases. The portal answers with a typed 4xx
 * error, never a 500, and a NUL never reaches the database.
 */
import { describe, expect, it } from 'vitest';
import { backends, useTestPortal } from '../helpers';
import { hostileUnicodeCases, probe } from './hostile-unicode';

describe.each(backends)('invalid Unicode on every route ($name)', (backend) => {
  const portal = useTestPortal(backend);

  it('answers every NUL and lone surrogate with a typed 4xx, never a 500', { timeout: 120_000 }, async () => {
    const token = await portal.signInDemo();
    const all = hostileUnicodeCases();
    expect(all.length).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const c of all) {
      const failure = await probe(c, token, (path, init) => portal.request(path, init));
      if (failure) failures.push(failure);
    }
    expect(failures).toEqual([]);
  });
});
