// Data-parallel gradients: a dense chain objective (linear model, MLP) whose batches are cut into row
// shards, one per thread. Shard 0 runs on the calling thread with the objective the model built;
// each worker thread runs the same pass (passes.ts) on its shard, with its own gradient block and
// scratch (separate heap blocks, so no two threads write one cache line), reading the one shared
// parameter block. The caller then adds the workers' gradients to its own in thread order, and the
// losses likewise: a run is bit-reproducible for a given thread count, and equals one thread's up
// to f32 rounding of the sums' order.
//
// Shards are cut at even rows, as chunks are (scratch.ts), so each row's logits are the same
// whatever the thread count. A batch too small for every thread to get enough rows and work (rows
// × parameters; ShardRule) uses fewer threads, down to the calling thread alone: below that,
// handing a shard to a worker and waiting for it costs about what its share of the work saves
// (bench/threads.js, bench/browser.js).

import type { Runtime } from "../runtime/runtime.js";
import type { ThreadPool } from "../runtime/thread_pool.js";
import { Blocks } from "../runtime/blocks.js";
import { threadLimit } from "../runtime/scratch.js";
import type { Batch, Objective, ParamGroup } from "./objective.js";
import { encodePass, targetWidth, type ChainPass } from "./passes.js";

/** A dense objective as the models build it: shardable by its pass. */
export interface ShardableObjective extends Objective {
  readonly pass: ChainPass;
  takeParams(): number;
}

/**
 * What a thread's shard must get at least, below which a batch is split among fewer threads: rows,
 * and rows × parameters (the work of a shard grows with both).
 */
export interface ShardRule {
  rows: number;
  work: number;
}

/** Builds a model's objective: for `batchRows` rows, computing with `sharedParams` when given. */
export type ObjectiveFactory = (batchRows: number, sharedParams?: number) => ShardableObjective;

export class ThreadedObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  private readonly main: ShardableObjective;
  private readonly shards: ShardableObjective[] = [];
  /** Each worker shard's encoded pass: byte offset and length (f64 values). */
  private readonly passes: { at: number; length: number }[] = [];
  private readonly blocks: Blocks;
  private readonly width: number;

  /** Rows a thread's shard needs at least (see ShardRule). */
  private readonly minShardRows: number;

  /**
   * `main`: the model's objective for `batchRows` rows, which computes shard 0 and owns the
   * parameters; `make` builds the workers' shards (and main, if it is not given).
   */
  constructor(
    private readonly rt: Runtime,
    private readonly pool: ThreadPool,
    make: ObjectiveFactory,
    batchRows: number,
    rule: ShardRule,
    main?: ShardableObjective,
  ) {
    this.blocks = new Blocks(rt.heap);
    this.main = main ?? make(batchRows);
    this.minShardRows = Math.max(2, rule.rows, Math.ceil(rule.work / this.main.paramCount));
    this.params = this.main.params;
    this.grads = this.main.grads;
    this.paramCount = this.main.paramCount;
    this.groups = this.main.groups;
    this.width = targetWidth(this.main.pass);
    try {
      // A worker's share is largest when two threads split a full batch.
      const shardRows = evenCeil(batchRows / 2);
      for (let w = 1; w < pool.size; w++) {
        const shard = make(shardRows, this.params);
        this.shards.push(shard);
        // Entries outside every group (an intercept not fitted) are never written: zero, not stale.
        rt.heap.f32.fill(0, shard.grads >>> 2, (shard.grads >>> 2) + shard.paramCount);
        const values = encodePass(shard.pass);
        const at = this.blocks.alloc(values.length * 8);
        new Float64Array(rt.heap.memory.buffer, at, values.length).set(values);
        this.passes.push({ at, length: values.length });
      }
    } catch (error) {
      this.dispose();
      throw error;
    }
  }

  /** Threads a batch of `rows` rows is cut into (waiting, the first time, for the workers to start). */
  threadsFor(rows: number): number {
    if (!this.pool.ready()) return 1;
    return Math.max(1, Math.min(threadLimit(this.pool.size), Math.floor(rows / this.minShardRows)));
  }

  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number {
    const threads = this.threadsFor(batch.rows);
    if (threads === 1) return this.main.lossGrad(batch, gradScale, accumulate);
    const share = evenCeil(batch.rows / threads);
    const posted: number[] = [];
    for (let t = 1; t < threads; t++) {
      const from = t * share;
      const rows = Math.min(batch.rows, from + share) - from;
      if (rows <= 0) break;
      const pass = this.passes[t - 1]!;
      this.pool.post(t - 1, { passAt: pass.at, passLength: pass.length, ...this.slice(batch, from, rows), gradScale, accumulate: false });
      posted.push(t);
    }
    let loss = 0;
    let failure: unknown;
    try {
      loss = this.main.lossGrad(this.slice(batch, 0, share), gradScale, accumulate);
    } catch (error) {
      failure = error;
    }
    // Every posted job is waited for, even after a failure: no worker may still write afterwards.
    const losses: number[] = [];
    for (const t of posted) {
      try {
        losses.push(this.pool.wait(t - 1));
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
    const E = this.rt.exports;
    for (const t of posted) {
      loss += losses.shift()!;
      E.addInto(this.grads, this.shards[t - 1]!.grads, this.paramCount);
    }
    return loss;
  }

  takeParams(): number {
    const params = this.main.takeParams();
    this.disposeShards();
    return params;
  }

  dispose(): void {
    this.main.dispose();
    this.disposeShards();
  }

  private disposeShards(): void {
    for (const shard of this.shards.splice(0)) shard.dispose();
    this.blocks.freeAll();
  }

  private slice(batch: Batch, from: number, rows: number): Batch {
    const D = this.main.pass.widths[0]!;
    return {
      x: batch.x + from * D * 4,
      targets: batch.targets + from * this.width * 4,
      weights: batch.weights ? batch.weights + from * 4 : 0,
      rows: Math.min(rows, batch.rows - from),
    };
  }
}

/** ⌈n⌉ rounded up to an even number (at least 2). */
function evenCeil(n: number): number {
  const up = Math.ceil(n);
  return Math.max(2, up + (up % 2));
}
