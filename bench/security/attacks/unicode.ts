/**
 * Invalid Unicode on every route: NUL and a lone surrogate in each string
 * field of every endpoint. Anything but the typed refusal counts as accepted.
 */
import { hostileUnicodeCases, probe } from '../../../tests/server/fuzz/hostile-unicode';
import type { Attack, AttackResult } from '../attack';
import { onPortal } from '../portal';

async function badUnicode(db: 'pglite' | 'postgres' | null): Promise<AttackResult> {
  return onPortal(db, async (portal) => {
    const demo = portal.server.demoAccount;
    if (!demo) throw new Error('no demo account');
    const signedIn = await portal.post('/api/v1/auth/sign-in', demo);
    const token = signedIn.body.session.token as string;
    const cases = hostileUnicodeCases();
    const failures: string[] = [];
    for (const c of cases) {
      const failure = await probe(c, token, (p, init) => fetch(new URL(p, portal.server.url), init));
      if (failure) failures.push(failure);
    }
    return {
      attempts: cases.length,
      accepted: failures.length,
      note: failures.length ? failures.slice(0, 2).join('; ') : 'every string field of every route',
    };
  });
}

export const unicodeAttacks: Attack[] = [
  { name: 'bad Unicode on every route', databases: ['pglite', 'postgres'], run: badUnicode },
];
