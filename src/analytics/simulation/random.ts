/*
 * Seeded pseudo-random numbers for the simulator: xoshiro128** (Blackman and Vigna, 2018), 32-bit
 * arithmetic only, so every platform draws the same numbers from the same seed. Never
 * `Math.random()`: a scenario run twice with its seed must give the same answer.
 */

/** Draws uniformly from [0, 1). */
export type Random = () => number;

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** xoshiro128** from its four 32-bit state words (not all zero); each call advances it. */
export function xoshiro128(state: [number, number, number, number]): { nextUint32: () => number; next: Random } {
  let [a, b, c, d] = state.map((w) => w | 0) as [number, number, number, number];
  const nextUint32 = () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  return { nextUint32, next: () => nextUint32() / 4_294_967_296 };
}

/** splitmix32: spreads one 32-bit seed over the generator's state, as its authors advise. */
function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over a string's UTF-16 code units: names a stream. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * An independent stream of the seed, named by what it draws for (`arrivals`, `duration:review`,
 * `branch:g1`). Separate streams keep common random numbers between scenarios: with the same seed,
 * one more reviewer does not change the arrivals or anyone's task durations, so the difference
 * between two scenarios is the change, not noise.
 */
export function stream(seed: number, name: string): Random {
  const init = splitmix32((seed >>> 0) ^ fnv1a(name));
  return xoshiro128([init(), init(), init(), init()]).next;
}
