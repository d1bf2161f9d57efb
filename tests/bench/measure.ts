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

export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
