// The context block the fastText kernels read (assembly/fasttext_layout.ts; these byte offsets
// mirror it): the model's shape and loss, its two matrices, the loss tables, the Huffman tree or the
// negatives table, and for training the corpus in wasm memory. One heap block, freed by the caller.

import type { Runtime } from "../runtime/runtime.js";
import { after, regionBytes } from "../runtime/layout.js";
import { LOSS_CODES, TABLE_ENTRIES, huffmanTree, lossTables, negativesTable, type LossName } from "./fasttext_tables.js";

const enum C {
  DIM = 0,
  OSZ = 4,
  LOSS = 8,
  NEG = 12,
  INPUT = 16,
  OUTPUT = 20,
  SIGMOID = 24,
  LOG = 28,
  LEFT = 32,
  RIGHT = 36,
  PATH_START = 40,
  PATH_ROW = 44,
  PATH_CODE = 48,
  NEGATIVES = 52,
  NEGATIVE_COUNT = 56,
  WORDS = 60,
  WORD_START = 64,
  LABELS = 68,
  LABEL_START = 72,
  NLINES = 76,
  LINE_TOKENS = 80,
  LR_UPDATE_RATE = 84,
  LR = 88,
  TOTAL_TOKENS = 96,
  COUNTER = 192,
}
/** The header's bytes: COUNTER on a cache line of its own (fasttext_layout.ts). */
const CONTEXT_BYTES = 256;

/** Byte offsets of a thread's training state (fasttext_layout.ts). */
export const enum THREAD {
  RNG = 0,
  CURSOR = 4,
  LOCAL_TOKENS = 8,
  HIDDEN = 12,
  GRAD = 16,
  OUTPUT_ROW = 20,
  LOSS_SUM = 24,
  EXAMPLES = 32,
  OWN_OUTPUT = 40,
  BASE_OUTPUT = 44,
}
export const THREAD_HEADER_BYTES = 48;
/** Bytes of a cache line (x86-64, most ARM cores). */
const CACHE_LINE = 64;

/** A training corpus: line i's input rows are words[wordStart[i] … wordStart[i+1]), likewise its labels. */
export interface Corpus {
  words: Int32Array;
  wordStart: Int32Array;
  labels: Int32Array;
  labelStart: Int32Array;
  /** Tokens fastText counts for each line (words, labels and the end of line, known or not), each ≥ 1. */
  lineTokens: Int32Array;
}

/** What the context describes. */
export interface ContextSpec {
  dim: number;
  loss: LossName;
  neg: number;
  /** Heap blocks of the input and output matrices (fasttext_matrix.ts). */
  input: number;
  output: number;
  /** Label counts, sorted by decreasing count (the Huffman tree, the negatives). */
  labelCounts: readonly number[];
  /** For training: the corpus, lr, lrUpdateRate and epoch · ntokens. */
  corpus?: Corpus;
  lr?: number;
  lrUpdateRate?: number;
  totalTokens?: number;
}

let tables: { sigmoid: Float32Array; log: Float32Array } | undefined;

/** Writes the context of `spec` into a new heap block and returns it (the caller frees it). */
export function buildContext(rt: Runtime, spec: ContextSpec): number {
  tables ??= lossTables();
  const osz = spec.labelCounts.length;
  const tree = spec.loss === "hs" ? huffmanTree(spec.labelCounts) : null;
  const negatives = spec.loss === "ns" && spec.corpus ? negativesTable(spec.labelCounts) : null;
  const corpus = spec.corpus;
  const arrays: (Int32Array | Float32Array)[] = [tables.sigmoid, tables.log];
  if (tree) arrays.push(tree.left, tree.right, tree.pathStart, tree.pathRow, tree.pathCode);
  if (negatives) arrays.push(negatives);
  if (corpus) arrays.push(corpus.words, corpus.wordStart, corpus.labels, corpus.labelStart, corpus.lineTokens);
  const block = rt.heap.alloc(arrays.reduce((sum, a) => sum + regionBytes(a.length * 4), regionBytes(CONTEXT_BYTES)));
  const at: number[] = [];
  let next = after(block, CONTEXT_BYTES);
  const i32 = rt.heap.i32;
  for (const a of arrays) {
    at.push(next);
    if (a instanceof Float32Array) rt.heap.f32.set(a, next >>> 2);
    else i32.set(a, next >>> 2);
    next = after(next, a.length * 4);
  }
  new Uint8Array(rt.heap.memory.buffer, block, CONTEXT_BYTES).fill(0);
  const put = (offset: number, value: number) => (i32[(block + offset) >>> 2] = value);
  put(C.DIM, spec.dim);
  put(C.OSZ, osz);
  put(C.LOSS, LOSS_CODES[spec.loss]);
  put(C.NEG, spec.neg);
  put(C.INPUT, spec.input);
  put(C.OUTPUT, spec.output);
  put(C.SIGMOID, at[0]!);
  put(C.LOG, at[1]!);
  let i = 2;
  if (tree) for (const offset of [C.LEFT, C.RIGHT, C.PATH_START, C.PATH_ROW, C.PATH_CODE]) put(offset, at[i++]!);
  if (negatives) {
    put(C.NEGATIVES, at[i++]!);
    put(C.NEGATIVE_COUNT, negatives.length);
  }
  if (corpus) {
    for (const offset of [C.WORDS, C.WORD_START, C.LABELS, C.LABEL_START]) put(offset, at[i++]!);
    put(C.NLINES, corpus.lineTokens.length);
    put(C.LINE_TOKENS, at[i++]!);
    put(C.LR_UPDATE_RATE, spec.lrUpdateRate ?? 100);
    rt.heap.f32[(block + C.LR) >>> 2] = spec.lr ?? 0;
    new Float64Array(rt.heap.memory.buffer, block + C.TOTAL_TOKENS, 1)[0] = spec.totalTokens ?? 0;
    new BigInt64Array(rt.heap.memory.buffer, block + C.COUNTER, 1)[0] = 0n;
  }
  return block;
}

/** Tokens every thread has added to the context's counter so far. */
export function tokensDone(rt: Runtime, ctx: number): number {
  return Number(new BigInt64Array(rt.heap.memory.buffer, ctx + C.COUNTER, 1)[0]);
}

/** Moves the token counter past any end, so every thread training on the context stops at its next check. */
export function stopTraining(rt: Runtime, ctx: number): void {
  Atomics.add(new BigInt64Array(rt.heap.memory.buffer, ctx + C.COUNTER, 1), 0, 2n ** 62n);
}

/** Byte offset of the sigmoid table in the context (for tests that check the tables). */
export function tablesAt(rt: Runtime, ctx: number): { sigmoid: number; log: number; entries: number } {
  return { sigmoid: rt.heap.i32[(ctx + C.SIGMOID) >>> 2]!, log: rt.heap.i32[(ctx + C.LOG) >>> 2]!, entries: TABLE_ENTRIES };
}

/**
 * A thread's state block for a model of `dim` and `osz` labels: minstd_rand seeded with `seed`
 * (0 is 1, as minstd_rand takes it), starting at line `cursor`. With `sharedOutput` (the byte offset
 * of the output rows), the thread trains its own copy of them and merges it into the shared rows
 * (assembly/fasttext_train.ts): two more blocks of osz × dim f32 in the state, copied from them now.
 */
export function threadState(rt: Runtime, dim: number, osz: number, seed: number, cursor: number, sharedOutput = 0): number {
  const rowsBytes = sharedOutput ? 2 * regionBytes(osz * dim * 4) : 0;
  // CACHE_LINE bytes more at the end: a block allocated after this one (the next thread's state)
  // starts on another cache line than the rows this thread writes for every example.
  const bytes = regionBytes(THREAD_HEADER_BYTES) + 2 * regionBytes(dim * 4) + regionBytes(osz * 4) + rowsBytes + CACHE_LINE;
  const block = rt.heap.alloc(bytes);
  const hidden = after(block, THREAD_HEADER_BYTES);
  const grad = after(hidden, dim * 4);
  const output = after(grad, dim * 4);
  new Uint8Array(rt.heap.memory.buffer, block, THREAD_HEADER_BYTES).fill(0);
  const i32 = rt.heap.i32;
  const at = block >>> 2;
  // std::minstd_rand(seed) as fastText constructs it: the int seed converted to uint_fast32_t (64 bits on
  // x86-64 Linux: a negative seed is 2⁶⁴ + seed), taken mod 2³¹ − 1, 0 becoming 1. (A negative seed
  // taken as a signed remainder gave states outside 1 … 2³¹ − 2; -2 gave 0, and a draw looped forever.)
  const state = Number(BigInt.asUintN(64, BigInt(seed)) % 2147483647n);
  i32[at + THREAD.RNG / 4] = state === 0 ? 1 : state;
  i32[at + THREAD.CURSOR / 4] = cursor;
  i32[at + THREAD.HIDDEN / 4] = hidden;
  i32[at + THREAD.GRAD / 4] = grad;
  i32[at + THREAD.OUTPUT_ROW / 4] = output;
  if (sharedOutput) {
    const own = after(output, osz * 4);
    const base = after(own, osz * dim * 4);
    const f32 = rt.heap.f32;
    f32.copyWithin(own >>> 2, sharedOutput >>> 2, (sharedOutput >>> 2) + osz * dim);
    f32.copyWithin(base >>> 2, sharedOutput >>> 2, (sharedOutput >>> 2) + osz * dim);
    i32[at + THREAD.OWN_OUTPUT / 4] = own;
    i32[at + THREAD.BASE_OUTPUT / 4] = base;
  }
  return block;
}

/** The loss sum and example count of a thread's state. */
export function threadLoss(rt: Runtime, th: number): { sum: number; examples: number } {
  const f64 = new Float64Array(rt.heap.memory.buffer, th + THREAD.LOSS_SUM, 2);
  return { sum: f64[0]!, examples: f64[1]! };
}
