// Data-parallel gradients: a dense objective (linear model, MLP) whose batches are cut into row
// shards, one per thread. Shard 0 runs on the calling thread with the objective the model built;
// shards 1 … t−1 are claimed from a shared counter by whichever thread comes first, the caller
// included (runtime/thread_slots.ts), so a batch never waits for a worker the OS has not scheduled.
// Each of those shards has its own gradient block and scratch, reading the one shared parameter
// block. The caller then adds the shards' gradients to its own in shard order, and the losses
// likewise: whichever thread computed a shard, a run is bit-reproducible for a given thread count,
// and equals one thread's up to f32 rounding of the sums' order.
//
// Shards are cut at even rows, as chunks are (scratch.ts), so each row's logits are the same
// whatever the thread count. A batch too small for every thread to get enough rows and work (rows
// × parameters; ShardRule) uses fewer threads, down to the calling thread alone: below that,
// handing a shard to a worker and waiting for it costs about what its share of the work saves
// (bench/threads.js, bench/browser.js).
//
// Memory. A shard's blocks exist only while a split batch is computed: they are allocated when a
// batch is split and freed when its pass ends, so a fit whose batches are never split needs nothing
// more than on one thread, and between batches the heap is as one thread leaves it. Where wasm
// memory cannot hold them, the batch is split among fewer threads (for the rest of the fit), so a
// fit that fits in memory on one thread fits on any number. Per extra thread, during a split pass:
//   4 · (P + ⌈B/t⌉ · (K + Σ_l h_l + 2 · max_l h_l)) bytes, plus about 200 bytes of encoded pass,
// with P parameters, B rows per batch split among t threads, K outputs, hidden widths h_l (none
// for the linear model). docs/memory.md gives the whole fit's memory.

import type { Runtime } from "../runtime/runtime.js";
import type { ThreadPool } from "../runtime/thread_pool.js";
import { after, regionBytes } from "../runtime/layout.js";
import { linked } from "../runtime/thread_links.js";
import type { Batch, Objective, ParamGroup } from "./objective.js";
import { targetWidth, type ChainPass } from "./passes.js";
import { encodePass } from "./pass_encoding.js";
import { minShardRows, type ShardRule } from "./shard_rule.js";
import { runShard } from "./thread_loop.js";

/** A dense objective as the models build it: shardable by its pass. */
export interface ShardableObjective extends Objective {
  readonly pass: ChainPass;
  takeParams(): number;
}

/** Builds a model's objective: for `batchRows` rows, computing with `sharedParams` when given. */
export type ObjectiveFactory = (batchRows: number, sharedParams?: number) => ShardableObjective;

export class ThreadedObjective implements Objective {
  readonly paramCount: number;
  readonly params: number;
  readonly grads: number;
  readonly groups: readonly ParamGroup[];
  private readonly main: ShardableObjective;
  /** Rows a thread's shard needs at least (see ShardRule). */
  private readonly minShardRows: number;
  /** Most threads a batch is split among: lowered when wasm memory could not hold a shard's blocks. */
  private memoryLimit = Infinity;
  /** Runs of the gradient block outside every group, which no pass writes: zeroed in each shard's block. */
  private readonly unwritten: readonly [number, number][];
  /** Bytes of a shard's encoded pass (the same for every shard of the model). */
  private readonly passBytes: number;

  /**
   * `main`: the model's objective, which computes shard 0 and owns the parameters, with scratch
   * for `mainRows` rows (a thread's share of a batch of `batchRows`); `make` builds it for
   * `batchRows` rows if it is not given. When fewer threads split a batch (a small batch, or
   * memory), main computes its share in pieces of mainRows rows.
   */
  constructor(
    private readonly rt: Runtime,
    private readonly pool: ThreadPool,
    make: ObjectiveFactory,
    batchRows: number,
    rule: ShardRule,
    main?: ShardableObjective,
    private readonly mainRows = batchRows,
  ) {
    this.main = main ?? make(batchRows);
    this.minShardRows = minShardRows(rule, this.main.paramCount);
    this.params = this.main.params;
    this.grads = this.main.grads;
    this.paramCount = this.main.paramCount;
    this.groups = this.main.groups;
    this.unwritten = ungrouped(this.main.groups, this.paramCount);
    this.passBytes = encodePass(this.main.pass).length * 8;
  }

  /** Threads a batch of `rows` rows is cut into (waiting, the first time, for the workers to start). */
  threadsFor(rows: number): number {
    if (!this.pool.ready()) return 1;
    return Math.max(1, Math.min(linked().threadLimit(this.pool.size), this.memoryLimit, Math.floor(rows / this.minShardRows)));
  }

  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number {
    const split = this.split(batch.rows);
    if (split === null) return this.mainPass(batch, 0, batch.rows, gradScale, accumulate);
    const { share, shards } = split;
    const E = this.rt.exports;
    const heap = this.rt.heap;
    try {
      this.pool.begin({ ...batch, share, gradScale, passes: shards.map((shard) => shard.encoded) });
      let loss = 0;
      let failure: unknown;
      try {
        loss = this.mainPass(batch, 0, Math.min(share, batch.rows), gradScale, accumulate);
      } catch (error) {
        failure = error;
      }
      // The caller claims every shard no worker has started (computing none after a failure), then
      // waits for the workers' shards: no worker may still write afterwards.
      let mine = 0;
      for (let s; (s = this.pool.claim()) >= 0; mine++) {
        if (failure !== undefined) continue;
        try {
          runShard(E, heap.memory.buffer, this.pool.jobBlock, s);
        } catch (error) {
          failure = error;
        }
      }
      try {
        this.pool.finish(mine);
      } catch (error) {
        failure ??= error;
      }
      if (failure !== undefined) throw failure;
      for (let s = 1; s <= shards.length; s++) {
        loss += this.pool.loss(s);
        E.addInto(this.grads, shards[s - 1]!.pass.grads, this.paramCount);
      }
      return loss;
    } finally {
      for (const shard of shards) heap.release(shard.block);
    }
  }

  takeParams(): number {
    return this.main.takeParams();
  }

  dispose(): void {
    this.main.dispose();
  }

  /**
   * How a batch of `rows` rows is split: the rows per shard and the blocks of shards 1 … t−1,
   * allocated now (see Memory above); null to compute it on the calling thread alone.
   */
  private split(rows: number): { share: number; shards: Shard[] } | null {
    for (let threads = this.threadsFor(rows); threads > 1; threads--) {
      const share = evenCeil(rows / threads);
      const shards: Shard[] = [];
      try {
        for (let from = share; from < rows; from += share) shards.push(this.allocShard(share));
        return { share, shards };
      } catch (error) {
        for (const shard of shards) this.rt.heap.release(shard.block);
        if (!(error instanceof RangeError)) throw error;
        this.memoryLimit = threads - 1;
      }
    }
    return null;
  }

  /** One shard's block, for `rows` rows: its encoded pass, gradient block and scratch (Memory above). */
  private allocShard(rows: number): Shard {
    const main = this.main.pass;
    const P = this.paramCount;
    const K = main.widths[main.widths.length - 1]!;
    const hidden = main.widths.slice(1, -1);
    const widest = Math.max(1, ...hidden);
    const passBytes = this.passBytes;
    const bytes =
      regionBytes(passBytes) +
      regionBytes(P * 4) +
      regionBytes(rows * K * 4) +
      hidden.reduce((sum, h) => sum + regionBytes(rows * h * 4), 0) +
      (hidden.length > 0 ? 2 * regionBytes(rows * widest * 4) : 0);
    const block = this.rt.heap.alloc(bytes);
    const grads = after(block, passBytes);
    const logits = after(grads, P * 4);
    let at = after(logits, rows * K * 4);
    const acts = hidden.map((h) => {
      const act = at;
      at = after(at, rows * h * 4);
      return act;
    });
    const deltas: [number, number] = hidden.length > 0 ? [at, after(at, rows * widest * 4)] : [0, 0];
    const pass: ChainPass = { ...main, grads, logits, acts, deltas };
    const f32 = this.rt.heap.f32;
    for (const [start, end] of this.unwritten) f32.fill(0, (grads >>> 2) + start, (grads >>> 2) + end);
    const values = encodePass(pass);
    new Float64Array(this.rt.heap.memory.buffer, block, values.length).set(values);
    return { block, pass, encoded: { at: block, length: values.length } };
  }

  /** Main's pass over rows [from, from + rows) of the batch, in pieces of at most mainRows rows, summed in row order. */
  private mainPass(batch: Batch, from: number, rows: number, gradScale: number, accumulate: boolean): number {
    const pass = this.main.pass;
    const D = pass.widths[0]!;
    const width = targetWidth(pass);
    let loss = 0;
    for (let at = from; at < from + rows; at += this.mainRows) {
      const piece: Batch = {
        x: batch.x + at * D * 4,
        targets: batch.targets + at * width * 4,
        weights: batch.weights ? batch.weights + at * 4 : 0,
        rows: Math.min(this.mainRows, from + rows - at),
      };
      loss += this.main.lossGrad(piece, gradScale, accumulate || at > from);
    }
    return loss;
  }
}

/** A shard's heap block, its pass (pointing into the block) and where the pass is encoded. */
interface Shard {
  block: number;
  pass: ChainPass;
  encoded: { at: number; length: number };
}

/** The runs [start, end) of f32 indices below `count` that no group covers. */
function ungrouped(groups: readonly ParamGroup[], count: number): [number, number][] {
  const runs: [number, number][] = [];
  let at = 0;
  for (const g of [...groups].sort((a, b) => a.start - b.start)) {
    if (g.start > at) runs.push([at, g.start]);
    at = Math.max(at, g.end);
  }
  if (at < count) runs.push([at, count]);
  return runs;
}

/** ⌈n⌉ rounded up to an even number (at least 2). */
function evenCeil(n: number): number {
  const up = Math.ceil(n);
  return Math.max(2, up + (up % 2));
}
