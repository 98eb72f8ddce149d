// Candidate samplers for sampled softmax, as TensorFlow defines them (pure JS, seeded):
//   uniform      P(k) = 1/K
//   log-uniform  P(r) = (log(r + 2) − log(r + 1)) / log(K + 1) over ranks r, most frequent class
//                first (Zipf's law: TF's LogUniformCandidateSampler); classes are mapped to ranks
//                by their training frequency
//   unigram      P(k) ∝ count_k^distortion (TF's fixed_unigram_candidate_sampler; 0.75 is word2vec's)
// One shared set of S distinct classes is drawn per batch; `tries` counts every draw, duplicates
// included, and a class's expected count in that many tries is Q = −expm1(tries·log1p(−P)), whose
// log the objective subtracts from its logit (TF's sampled_softmax_loss).

/**
 * How sampled softmax draws its classes: 'log-uniform' (classes ranked by training frequency, Zipf),
 * 'unigram' (count^distortion) or 'uniform'.
 */
export type SamplerName = "log-uniform" | "unigram" | "uniform";
export const SAMPLERS: readonly SamplerName[] = ["log-uniform", "unigram", "uniform"];

export interface CandidateSampler {
  /** Classes with a non-zero probability: the most distinct classes a draw can return. */
  readonly support: number;
  /** P(class k). */
  probability(k: number): number;
  /** One class, from a uniform [0, 1) number. */
  draw(u: number): number;
}

export function uniformSampler(K: number): CandidateSampler {
  return { support: K, probability: () => 1 / K, draw: (u) => Math.min(K - 1, Math.floor(u * K)) };
}

/** Log-uniform over frequency ranks; `counts` ranks the classes (ties by class index). */
export function logUniformSampler(counts: ArrayLike<number>): CandidateSampler {
  const K = counts.length;
  const byRank = Int32Array.from({ length: K }, (_, k) => k).sort((a, b) => counts[b]! - counts[a]! || a - b);
  const rankOf = new Int32Array(K);
  byRank.forEach((k, r) => (rankOf[k] = r));
  const logRange = Math.log(K + 1);
  return {
    support: K,
    probability: (k) => (Math.log(rankOf[k]! + 2) - Math.log(rankOf[k]! + 1)) / logRange,
    draw: (u) => byRank[Math.min(K - 1, Math.floor(Math.exp(u * logRange)) - 1)]!,
  };
}

/** P(k) ∝ counts[k]^distortion, drawn by binary search over the cumulative distribution. */
export function unigramSampler(counts: ArrayLike<number>, distortion: number): CandidateSampler {
  const K = counts.length;
  const cumulative = new Float64Array(K);
  let total = 0;
  let support = 0;
  for (let k = 0; k < K; k++) {
    const w = counts[k]! > 0 ? counts[k]! ** distortion : 0;
    if (w > 0) support++;
    total += w;
    cumulative[k] = total;
  }
  return {
    support,
    probability: (k) => (counts[k]! > 0 ? counts[k]! ** distortion / total : 0),
    draw(u) {
      const target = u * total;
      let lo = 0;
      let hi = K - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > target) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** S distinct classes, and the number of draws that took. */
export function drawUnique(sampler: CandidateSampler, S: number, next: () => number, out: Int32Array, seen: Uint8Array): number {
  let tries = 0;
  let found = 0;
  while (found < S) {
    const k = sampler.draw(next());
    tries++;
    if (seen[k]) continue;
    seen[k] = 1;
    out[found++] = k;
  }
  for (let i = 0; i < S; i++) seen[out[i]!] = 0;
  return tries;
}

/** log of the expected count of a class of probability p in `tries` draws. */
export function logExpectedCount(p: number, tries: number): number {
  return Math.log(-Math.expm1(tries * Math.log1p(-p)));
}
