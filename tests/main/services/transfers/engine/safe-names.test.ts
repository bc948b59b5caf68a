import { describe, expect, it } from 'vitest';
import { displayName, toSafeLocalName } from '../../../../../main/services/transfers/engine/safe-names';

describe('toSafeLocalName', () => {
  it('replaces control and Windows-forbidden characters with _', () => {
    expect(toSafeLocalName('a\u0000b\u001fc\u007fd')).toBe('a_b_c_d');
    expect(toSafeLocalName('a<b>c:d"e|f?g*h\\i/j')).toBe('a_b_c_d_e_f_g_h_i_j');
  });

  it('replaces bidi controls, so a name cannot disguise its extension', () => {
    expect(toSafeLocalName('invoice\u202Efdp.exe')).toBe('invoice_fdp.exe');
    expect(toSafeLocalName('\u2066a\u2069.txt')).toBe('_a_.txt');
  });

  it('replaces C1 controls, line separators and lone surrogates, keeping emoji', () => {
    expect(toSafeLocalName('a\u0085b\u2028c\uD800d 😀.txt')).toBe('a_b_c_d 😀.txt');
  });
});

describe('displayName', () => {
  it('marks every unsafe character with U+FFFD and keeps the rest', () => {
    expect(displayName('a\r\nb')).toBe('a\uFFFD\uFFFDb');
    expect(displayName('x\u202Ey\u009bz\uDC00 😀')).toBe('x\uFFFDy\uFFFDz\uFFFD 😀');
    expect(displayName('Grüße.txt')).toBe('Grüße.txt');
  });
});
