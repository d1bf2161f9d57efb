/** Small timing helpers shared by the benchmark parts. */

export interface BenchLine {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  ok?: boolean;
}

export async function sample(times: number, fn: () => unknown | Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, times); i++) await fn(); // warm up
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Two functions timed in turn, run for run (a, b, a, b, …), after a longer warm-up: a figure and
 * its baseline under the same conditions — the same garbage collections, the same machine load —
 * where timing one after the other would charge the first with whatever the run did before.
 */
export async function samplePair(times: number, a: () => unknown | Promise<unknown>, b: () => unknown | Promise<unknown>): Promise<[number[], number[]]> {
  for (let i = 0; i < Math.min(50, times); i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < times; i++) {
    let start = performance.now();
    await a();
    as.push(performance.now() - start);
    start = performance.now();
    await b();
    bs.push(performance.now() - start);
  }
  return [as.sort((x, y) => x - y), bs.sort((x, y) => x - y)];
}

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
