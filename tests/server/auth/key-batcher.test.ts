import { describe, expect, it } from 'vitest';
import { KeyBatcher } from '../../../server/auth/key-batcher';

describe('KeyBatcher', () => {
  it('runs the keys asked for together once, each key once', async () => {
    const runs: string[][] = [];
    const batcher = new KeyBatcher<string, number>(async (keys) => {
      runs.push(keys);
      return new Map(keys.filter((key) => key !== 'none').map((key) => [key, key.length]));
    });
    const answers = await Promise.all(['a', 'bb', 'a', 'none'].map((key) => batcher.request(key)));
    expect(answers).toEqual([1, 2, 1, null]);
    expect(runs).toEqual([['a', 'bb', 'none']]);
  });

  it('collects keys asked for while a batch runs into the next one', async () => {
    const runs: string[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new KeyBatcher<string, string>(async (keys) => {
      runs.push(keys);
      if (runs.length === 1) await gate;
      return new Map(keys.map((key) => [key, key.toUpperCase()]));
    });
    const first = batcher.request('a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.request('a'), batcher.request('b'), batcher.request('c')];
    release();
    expect(await first).toBe('A');
    expect(await Promise.all(later)).toEqual(['A', 'B', 'C']);
    expect(runs).toEqual([['a'], ['a', 'b', 'c']]);
  });

  it('fails every caller of a failed batch, and keeps working afterwards', async () => {
    let fail = true;
    const batcher = new KeyBatcher<string, string>(async (keys) => {
      if (fail) throw new Error('database unavailable');
      return new Map(keys.map((key) => [key, key]));
    });
    const results = await Promise.allSettled([batcher.request('a'), batcher.request('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.request('a')).toBe('a');
  });

  it('splits batches at maxKeys', async () => {
    const sizes: number[] = [];
    const batcher = new KeyBatcher<number, number>(async (keys) => {
      sizes.push(keys.length);
      return new Map(keys.map((key) => [key, key]));
    }, 3);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((key) => batcher.request(key)));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([3, 2]);
  });
});
