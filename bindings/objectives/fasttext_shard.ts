// One Hogwild training thread of a fastText fit as a shard of the thread pool's job
// (runtime/thread_pool.ts): the numbers a worker reads, and what it runs. Every thread, the calling
// one included, trains with its own state on the shared matrices until the context's token counter
// reaches the job's stop (assembly/fasttext_train.ts).

import type { FastTextKernels, KernelExports } from "../runtime/abi.js";

/** The first number of an encoded fastText shard (a dense pass starts with 1: passes.ts). */
export const FASTTEXT_SHARD = 2;

/** A shard as numbers: the context, the thread's state, and the token count to stop at. */
export function encodeFastTextShard(ctx: number, thread: number, stop: number): number[] {
  return [FASTTEXT_SHARD, ctx, thread, stop];
}

/**
 * Runs an encoded shard; false when `values` is not one (a dense pass). Only a fastText fit sends one,
 * and it has checked that the binary (the one the pool's workers run too) has the fastText kernels.
 */
export function runFastTextShard(E: KernelExports, values: Float64Array): boolean {
  if (values[0] !== FASTTEXT_SHARD) return false;
  (E as KernelExports & FastTextKernels).ftTrain(values[1]!, values[2]!, values[3]!);
  return true;
}
