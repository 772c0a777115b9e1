/**
 * A small seeded pseudo-random source for the staffing simulation. The simulation core must be
 * deterministic (house rule: no Math.random in the core), so every draw comes from a generator
 * built from an explicit seed; the same seed replays the same day.
 */

/** Returns a number uniformly distributed in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): period 2^32, passes the usual smoke tests for
 * simulation use, and is five lines long. Not for cryptography.
 * @param seed any number; only its low 32 bits are used.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One draw from an exponential distribution with the given mean (in whatever time unit the caller
 * uses). Uses 1 − u so the logarithm never sees 0.
 */
export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random());
}
