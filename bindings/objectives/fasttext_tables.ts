// The pure-JS parts of fastText's losses (loss.cc), laid out for the kernels (assembly/fasttext_*.ts):
// the sigmoid and log tables, the Huffman tree of hierarchical softmax and the unigram table of
// negative sampling.

/** fastText's loss codes, as its .bin stores them (args.h's loss_name). */
export const LOSS_CODES = { hs: 1, ns: 2, softmax: 3, ova: 4 } as const;
export type LossName = keyof typeof LOSS_CODES;

/** Entries of the sigmoid and log tables: 512 steps and both ends. */
export const TABLE_ENTRIES = 513;

/**
 * loss.cc's tables, as native computes them: σ(x) at x = i/32 − 8 (expf, then the quotient in
 * f64 rounded to f32) and log((i + 1e-5)/512) (logf), i = 0 … 512.
 */
export function lossTables(): { sigmoid: Float32Array; log: Float32Array } {
  const sigmoid = new Float32Array(TABLE_ENTRIES);
  const log = new Float32Array(TABLE_ENTRIES);
  for (let i = 0; i < TABLE_ENTRIES; i++) {
    const x = Math.fround((i * 16) / 512 - 8);
    sigmoid[i] = 1 / (1 + Math.fround(Math.exp(-x)));
    log[i] = Math.fround(Math.log(Math.fround((i + 1e-5) / 512)));
  }
  return { sigmoid, log };
}

/** The Huffman tree of hierarchical softmax, as the kernels read it. */
export interface HuffmanTree {
  /** Children of the 2·n − 1 nodes (leaves are the labels 0 … n−1, the root 2n − 2); −1 for none. */
  left: Int32Array;
  right: Int32Array;
  /** Label i's path runs pathStart[i] … pathStart[i+1] in pathRow (output rows: node − n) and pathCode (0/1). */
  pathStart: Int32Array;
  pathRow: Int32Array;
  pathCode: Int32Array;
}

/**
 * HierarchicalSoftmaxLoss::buildTree over label counts sorted by decreasing count (as fastText's
 * dictionary sorts labels): two queues, the leaves from the rarest up and the inner nodes in order
 * of creation, each new node joining the two smallest (the leaf on a tie of the first pick is taken
 * only when strictly smaller). The second child's edge has code 1.
 */
export function huffmanTree(counts: readonly number[]): HuffmanTree {
  const n = counts.length;
  const nodes = Math.max(1, 2 * n - 1);
  const count = new Float64Array(nodes).fill(1e15);
  const parent = new Int32Array(nodes).fill(-1);
  const left = new Int32Array(nodes).fill(-1);
  const right = new Int32Array(nodes).fill(-1);
  const binary = new Uint8Array(nodes);
  for (let i = 0; i < n; i++) count[i] = counts[i]!;
  let leaf = n - 1;
  let node = n;
  for (let i = n; i < 2 * n - 1; i++) {
    const mini = [0, 0];
    for (let j = 0; j < 2; j++) mini[j] = leaf >= 0 && count[leaf]! < count[node]! ? leaf-- : node++;
    left[i] = mini[0]!;
    right[i] = mini[1]!;
    count[i] = count[mini[0]!]! + count[mini[1]!]!;
    parent[mini[0]!] = i;
    parent[mini[1]!] = i;
    binary[mini[1]!] = 1;
  }
  const pathStart = new Int32Array(n + 1);
  const rows: number[] = [];
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; parent[j] !== -1; j = parent[j]!) {
      rows.push(parent[j]! - n);
      codes.push(binary[j]!);
    }
    pathStart[i + 1] = rows.length;
  }
  return { left, right, pathStart, pathRow: Int32Array.from(rows), pathCode: Int32Array.from(codes) };
}

/**
 * Entries of the unigram table. fastText's has 10⁷; this one has 2²⁰, which draws each label with
 * its probability to within 1e-6 (a table of labels is short: a million entries is 4 MB).
 */
export const NEGATIVE_TABLE_SIZE = 2 ** 20;

/** NegativeSamplingLoss's table: label i repeated ⌈√count_i · SIZE / Σ√count⌉ times (at least once). */
export function negativesTable(counts: readonly number[]): Int32Array {
  let z = 0;
  for (const c of counts) z += Math.sqrt(c);
  const table: number[] = [];
  counts.forEach((c, i) => {
    const share = (Math.sqrt(c) * NEGATIVE_TABLE_SIZE) / z;
    for (let j = 0; j < share; j++) table.push(i);
  });
  return Int32Array.from(table);
}
