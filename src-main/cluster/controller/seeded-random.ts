/**
 * Randomness for decisions, injected so tests are repeatable: a `Random` returns an integer in [0, n).
 * `seededRandom` is mulberry32 (a public-domain 32-bit generator, a few lines); written here rather than
 * taken from npm because it is smaller than any dependency and only needs to be repeatable, not strong.
 * `systemRandom` uses Math.random for production placement, as Kafka uses java.util.Random.
 */
export type Random = (n: number) => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(u * n);
  };
}

export const systemRandom: Random = (n) => Math.floor(Math.random() * n);

/** A random topic id in Kafka's base64url form; never the all-zero id and never starting with '-'. */
export function randomTopicId(random: Random): string {
  for (;;) {
    const bytes = Array.from({ length: 16 }, () => random(256));
    const id = Buffer.from(bytes).toString('base64url');
    if (!id.startsWith('-') && bytes.some((b) => b !== 0)) return id;
  }
}
