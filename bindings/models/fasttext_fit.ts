// A FastTextClassifier's training run (fit, and quantize's retrain): the input and output matrices in
// wasm, filled as fastText initializes them or copied from a start, the corpus encoded meanwhile, a
// training context over it, trainContext (objectives/fasttext_training.ts) on the library's threads or
// one, a check that the weights stayed finite, then the prediction context the fitted model keeps.

import type { Runtime } from "../runtime/runtime.js";
import { TrainingDivergedError } from "../core/errors.js";
import type { FastTextArgs } from "../features/fasttext_args.js";
import type { FastTextCorpus, FastTextDictionary } from "../features/fasttext_dictionary.js";
import { buildContext } from "../objectives/fasttext_context.js";
import { denseData, denseIsFinite, denseToWasm, matrixToWasm, type MatrixData } from "../objectives/fasttext_matrix.js";
import { startUniformFill } from "../objectives/fasttext_fill.js";
import { trainContext, trainingThreads } from "../objectives/fasttext_training.js";
import type { FastTextClassifierOptions } from "./fasttext_classifier_options.js";

/** The model's callbacks, and `usable`, which throws once the model was disposed (from inside one). */
export interface FitCallbacks extends Pick<FastTextClassifierOptions, "onEpoch" | "onProgress"> {
  usable: () => void;
}

/** Heap blocks of a trained model: its matrices and its prediction context. */
export interface TrainedBlocks {
  input: number;
  output: number;
  ctx: number;
  lossCurve: number[];
}

/**
 * Trains on the corpus `encode` gives from `start` (a pruned model's dense matrices, for quantize's
 * retrain) or from fastText's initial weights: input uniform in ±1/dim, output zeros. Without
 * `start`, worker threads write the input weights while this thread encodes (fasttext_fill.ts).
 * Returns the trained blocks, which the caller owns; frees everything it allocated if anything fails.
 */
export function trainFastText(
  rt: Runtime,
  args: FastTextArgs,
  dictionary: FastTextDictionary,
  encode: () => FastTextCorpus,
  start: { input: MatrixData; output: MatrixData } | null,
  callbacks: FitCallbacks,
): TrainedBlocks {
  if (dictionary.nlabels === 0) throw new RangeError("fit: no label was kept (minCountLabel, or no labels given)");
  if (dictionary.nwords === 0) throw new RangeError("fit: no word was kept (minCount)");
  const blocks: number[] = [];
  try {
    // A dictionary built by fit is never pruned: its words, then the buckets.
    const rows = start ? start.input.rows : dictionary.nwords + args.bucket;
    const input = start ? matrixToWasm(rt, start.input) : denseToWasm(rt, rows, args.dim, () => {});
    blocks.push(input);
    let corpus: FastTextCorpus;
    if (start) corpus = encode();
    else {
      const filled = startUniformFill(rt, denseData(rt, input), rows * args.dim, args.seed, 1 / args.dim, args.thread > 1);
      try {
        corpus = encode();
      } catch (error) {
        filled(true);
        throw error;
      }
      filled();
    }
    const output = start ? matrixToWasm(rt, start.output) : denseToWasm(rt, dictionary.nlabels, args.dim, (d) => d.fill(0));
    blocks.push(output);
    const labelCounts = Array.from(dictionary.labelCounts());
    const lineTokens = corpus.tokens.map((t) => Math.max(1, t));
    const ntokens = lineTokens.reduce((a, b) => a + b, 0);
    const spec = { dim: args.dim, loss: args.loss, neg: args.neg, input, output, labelCounts };
    const trainCtx = buildContext(rt, {
      ...spec,
      corpus: { words: corpus.words, wordStart: corpus.wordStarts, labels: corpus.labels, labelStart: corpus.labelStarts, lineTokens },
      lr: args.lr,
      lrUpdateRate: args.lrUpdateRate,
      totalTokens: args.epoch * ntokens,
    });
    blocks.push(trainCtx);
    const started = performance.now();
    const { onEpoch, onProgress, usable } = callbacks;
    const total = args.epoch * ntokens;
    const threads = trainingThreads(rt, { threads: args.thread, ntokens, epoch: args.epoch, nlines: corpus.lines });
    const result = trainContext(rt, trainCtx, {
      lr: args.lr,
      onProgress:
        onProgress &&
        ((progress, loss, lr) => {
          const seconds = (performance.now() - started) / 1000;
          onProgress({ progress, loss, lr, tokens: Math.round(progress * total), seconds, threads });
          usable();
        }),
      dim: args.dim,
      osz: dictionary.nlabels,
      loss: args.loss,
      outputRows: denseData(rt, output),
      nlines: corpus.lines,
      ntokens,
      epoch: args.epoch,
      threads: args.thread,
      seed: args.seed,
      onEpoch:
        onEpoch &&
        ((epoch, loss) => {
          const go = onEpoch({ epoch, loss, seconds: (performance.now() - started) / 1000, lr: args.lr * (1 - epoch / args.epoch) });
          usable();
          return go;
        }),
    });
    // Too large an lr overflows the weights (the loss, clamped as fastText's, can stay finite): the model keeps what it had.
    if (!denseIsFinite(rt, output, dictionary.nlabels, args.dim) || !denseIsFinite(rt, input, rows, args.dim)) {
      throw new TrainingDivergedError(
        `fit: the weights overflowed to NaN or Infinity: lr ${args.lr} is too large; the model is unchanged`,
        null,
      );
    }
    blocks.pop();
    rt.heap.release(trainCtx);
    const ctx = buildContext(rt, spec);
    blocks.push(ctx);
    return { input, output, ctx, lossCurve: result.lossCurve };
  } catch (error) {
    for (const ptr of blocks) rt.heap.release(ptr);
    throw error;
  }
}
