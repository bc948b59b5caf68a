/** A tiny closed-loop load generator: N requests with at most C in flight. */

/** Outcome of a load run. */
export interface LoadResult {
  /** Latency of each successful request, ms. */
  latencies: number[];
  errors: number;
  /** First few distinct error descriptions, for the report. */
  errorSamples: string[];
  wallMs: number;
}

/**
 * Runs `total` calls of `request(i)` with `concurrency` workers. A call
 * succeeds when it resolves true; a false or a throw counts as an error.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  request: (index: number) => Promise<true | string>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    for (let index = next++; index < total; index = next++) {
      const t0 = performance.now();
      let outcome: true | string;
      try {
        outcome = await request(index);
      } catch (error) {
        outcome = (error as Error).message;
      }
      if (outcome === true) latencies.push(performance.now() - t0);
      else {
        errors += 1;
        if (errorSamples.size < 3) errorSamples.add(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { latencies, errors, errorSamples: [...errorSamples], wallMs: performance.now() - started };
}
