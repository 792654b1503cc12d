// A seedable source of uniform numbers in [0, 1) (mulberry32): the same seed
// gives the same toxicity decisions, so a run with `--seed` is reproducible.

export interface Random {
  next(): number;
}

export function createRandom(seed: number = randomSeed()): Random {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/**
 * A seed for when none is given. Math.random, not WebCrypto: the seed only
 * varies the faults, and the global `crypto` loads Node's whole crypto module
 * (several MiB the proxy process would keep for nothing).
 */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000);
}
