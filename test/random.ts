/**
 * A seeded random source for tests (mulberry32), so that a failure repeats. Not `seed * a + c` in
 * floating point: past 2^53 its low bits are lost, and the numbers it gives are too correlated to mix
 * small choices (a test built on one never put a lone CR inside a quoted value).
 */
export function seeded(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) % n;
  };
}
