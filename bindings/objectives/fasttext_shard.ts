// The fastText jobs a worker of the thread pool (runtime/thread_pool.ts) runs, each shard encoded as
// numbers whose first says which kind it is:
// - a Hogwild training thread: every thread, the calling one included, trains with its own state on
//   the shared matrices until the context's token counter reaches the job's stop
//   (assembly/fasttext_train.ts);
// - a piece of the input matrix's initial weights (ftUniformFill), which workers write while the
//   calling thread encodes the corpus (fasttext_fill.ts).

import type { FastTextKernels, KernelExports } from "../runtime/abi.js";

/** The first number of an encoded fastText training shard (a dense pass starts with 1: passes.ts). */
export const FASTTEXT_SHARD = 2;
/** The first number of an encoded piece of a uniform fill. */
export const FASTTEXT_FILL = 3;

/** A shard as numbers: the context, the thread's state, and the token count to stop at. */
export function encodeFastTextShard(ctx: number, thread: number, stop: number): number[] {
  return [FASTTEXT_SHARD, ctx, thread, stop];
}

/** A piece of a uniform fill as numbers: ftUniformFill's arguments. */
export function encodeFastTextFill(data: number, from: number, to: number, seed: number, a: number): number[] {
  return [FASTTEXT_FILL, data, from, to, seed, a];
}

/**
 * Runs an encoded shard; false when `values` is not one (a dense pass). Only a fastText fit sends one,
 * and it has checked that the binary (the one the pool's workers run too) has the fastText kernels.
 */
export function runFastTextShard(E: KernelExports, values: Float64Array): boolean {
  const F = E as KernelExports & FastTextKernels;
  if (values[0] === FASTTEXT_SHARD) F.ftTrain(values[1]!, values[2]!, values[3]!);
  else if (values[0] === FASTTEXT_FILL) F.ftUniformFill(values[1]!, values[2]!, values[3]!, values[4]!, values[5]!);
  else return false;
  return true;
}
