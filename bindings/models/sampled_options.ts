// The sampledSoftmax option of the models with a softmax head: its checks, and the sampled
// objective's options it turns into (a sampler over the training labels, a seeded stream).

import { checkOptions, flag, oneOf } from "../core/checks.js";
import { random, seedOf } from "../core/random.js";
import { SAMPLERS, logUniformSampler, unigramSampler, uniformSampler, type SamplerName } from "../objectives/samplers.js";
import type { SampledOptions } from "../objectives/sampled_output.js";

/** The sampledSoftmax option: TensorFlow's sampled_softmax_loss semantics (see the very-many-classes guide). */
export interface SampledSoftmaxOptions {
  /** S: sampled classes per batch, 1 ≤ S < K. */
  classes: number;
  /** @default 'log-uniform' (classes ranked by training frequency) */
  sampler?: SamplerName;
  /** unigram: P(k) ∝ count^distortion. @default 0.75 */
  distortion?: number;
  /** A sampled class that is a row's true class gets no probability. @default true */
  removeAccidentalHits?: boolean;
}

/** The sampled softmax option checked, except S < K, which fit checks once it knows K. */
export function resolveSampled(
  o: { sampledSoftmax?: SampledSoftmaxOptions },
  solver: string,
  weightedOrSmoothed = false,
): Required<SampledSoftmaxOptions> | undefined {
  if (o.sampledSoftmax === undefined) return undefined;
  const s = checkOptions("sampledSoftmax", o.sampledSoftmax, ["classes", "sampler", "distortion", "removeAccidentalHits"]);
  if (typeof s.classes !== "number" || !Number.isInteger(s.classes))
    throw new TypeError(`sampledSoftmax.classes must be an integer, got ${String(s.classes)}`);
  if (s.classes < 1) throw new RangeError(`sampledSoftmax.classes must be >= 1, got ${s.classes}`);
  if (solver === "lbfgs")
    throw new TypeError(
      "sampledSoftmax trains with solver 'sgd' or 'adam' (each batch draws its own classes); lbfgs needs the full softmax",
    );
  if (weightedOrSmoothed) throw new TypeError("sampledSoftmax does not combine with classWeight or labelSmoothing");
  const distortion = s.distortion ?? 0.75;
  if (typeof distortion !== "number" || !(distortion > 0) || !Number.isFinite(distortion))
    throw new RangeError(`sampledSoftmax.distortion must be a finite number > 0, got ${String(distortion)}`);
  return {
    classes: s.classes,
    sampler: oneOf("sampledSoftmax.sampler", s.sampler ?? "log-uniform", SAMPLERS),
    distortion,
    removeAccidentalHits: flag("sampledSoftmax.removeAccidentalHits", s.removeAccidentalHits ?? true),
  };
}

/** The sampled objective's options: the sampler over the training labels, its own seeded stream. */
export function sampledObjectiveOptions(
  s: Required<SampledSoftmaxOptions>,
  randomState: number | undefined,
  labels: Int32Array,
  K: number,
): SampledOptions {
  if (s.classes >= K) throw new RangeError(`sampledSoftmax.classes must be below the number of classes (${K}), got ${s.classes}`);
  const counts = new Float64Array(K);
  for (const y of labels) counts[y]!++;
  const sampler =
    s.sampler === "uniform"
      ? uniformSampler(K)
      : s.sampler === "unigram"
        ? unigramSampler(counts, s.distortion)
        : logUniformSampler(counts);
  if (s.classes > sampler.support)
    throw new RangeError(`sampledSoftmax.classes (${s.classes}) exceeds the ${sampler.support} classes the ${s.sampler} sampler can draw`);
  const seed = randomState === undefined ? seedOf(undefined) : (randomState ^ 0x2545f491) >>> 0;
  return { candidates: s.classes, sampler, removeAccidentalHits: s.removeAccidentalHits, next: random(seed) };
}
