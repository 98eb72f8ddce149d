// FastTextClassifier's options: `fasttext supervised`'s, camelCased, with its defaults, checked as
// fastText's arguments (features/fasttext_args.ts), plus onEpoch.

import type { FastTextLoss } from "../features/fasttext_args.js";
import type { EpochInfo } from "../solvers/options.js";

/**
 * What onEpoch is told after each epoch's worth of tokens: the epoch (1-based), the mean loss of
 * that epoch's examples (fastText's progress line shows the running mean), the seconds since fit
 * started, and the learning rate at the end of the epoch.
 */
export interface FastTextEpochInfo extends EpochInfo {
  /** The learning rate at the end of the epoch. */
  lr: number;
}

/** What onProgress is told, about every 1% of a fit (fastText's progress line). */
export interface FastTextProgress {
  /** Fraction of the fit's tokens processed, 0 … 1. */
  progress: number;
  /** The calling thread's mean loss so far. */
  loss: number;
  /** The learning rate now. */
  lr: number;
  /** Tokens processed by every thread so far (words, labels and ends of line). */
  tokens: number;
  /** Seconds since fit started. */
  seconds: number;
  /** Threads training. */
  threads: number;
}

/** FastTextClassifier's options: `fasttext supervised`'s arguments, camelCased, with its defaults. */
export interface FastTextClassifierOptions {
  /** Size of the word vectors. @default 100 */
  dim?: number;
  /** Longest word n-gram (1: words only). @default 1 */
  wordNgrams?: number;
  /** Shortest character n-gram. @default 0 */
  minn?: number;
  /** Longest character n-gram (0: none). @default 0 */
  maxn?: number;
  /** Hash buckets for word and character n-grams (0 when wordNgrams is 1 and maxn 0). @default 2000000 */
  bucket?: number;
  /** Words seen fewer times are left out. @default 1 */
  minCount?: number;
  /** Labels seen fewer times are left out. @default 0 */
  minCountLabel?: number;
  /** Initial learning rate, decaying linearly to 0 over the fit. @default 0.1 */
  lr?: number;
  /** Tokens between two updates of the learning rate. @default 100 */
  lrUpdateRate?: number;
  /** Passes over the training texts. @default 5 */
  epoch?: number;
  /** Output layer: softmax, hierarchical softmax, negative sampling or one-vs-all (label sets). @default "softmax" */
  loss?: FastTextLoss;
  /** Negatives sampled per example with loss "ns". @default 5 */
  neg?: number;
  /**
   * Training threads (Hogwild, as fastText); 1 trains deterministically. More threads than the
   * runtime started (init's `threads`) are not used. @default the runtime's threads
   */
  thread?: number;
  /** Seed of the initial weights and of each thread's random numbers. @default 0 */
  seed?: number;
  /** Prefix of label tokens (labels given to fit without it get it). @default "__label__" */
  label?: string;
  /** Sampling threshold (unsupervised models only; stored in .bin files). @default 0.0001 */
  t?: number;
  /** Called after each epoch's worth of tokens; returning false stops the fit there. @default undefined */
  onEpoch?: (info: FastTextEpochInfo) => boolean | void;
  /**
   * Called about every 1% of the fit, on this thread while worker threads train on: for a progress
   * display. It must not fit or predict with any model meanwhile; a throw stops the fit (the model
   * is left as it was). @default undefined
   */
  onProgress?: (info: FastTextProgress) => void;
}

/** Every option name the constructor accepts. */
export const FASTTEXT_OPTION_NAMES = [
  "dim",
  "wordNgrams",
  "minn",
  "maxn",
  "bucket",
  "minCount",
  "minCountLabel",
  "lr",
  "lrUpdateRate",
  "epoch",
  "loss",
  "neg",
  "thread",
  "seed",
  "label",
  "t",
  "onEpoch",
  "onProgress",
] as const;
