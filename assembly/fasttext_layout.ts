// The byte layouts the fastText kernels (fasttext_rows.ts, fasttext_train.ts, fasttext_predict.ts)
// read, written by the bindings (bindings/objectives/fasttext_context.ts, which mirrors these
// numbers). Every pointer is a byte offset into this module's memory; every block is 16-byte aligned.
//
// The model context (i32 words unless said):
//   DIM, OSZ (output rows: labels), LOSS (fastText's codes: 1 hs, 2 ns, 3 softmax, 4 ova), NEG,
//   INPUT, OUTPUT (matrix descriptors, below), SIGMOID, LOG (fastText's 513-entry f32 tables),
//   hs: LEFT, RIGHT (children of the 2·OSZ − 1 tree nodes, −1 for leaves), PATH_START (OSZ + 1
//   offsets), PATH_ROW (output row of each node on a label's path to the root), PATH_CODE (0/1),
//   ns: NEGATIVES (a table of label ids), NEGATIVE_COUNT,
//   the corpus: WORDS (input row ids), WORD_START (NLINES + 1 offsets), LABELS, LABEL_START,
//   NLINES, LINE_TOKENS (the tokens fastText counts per line), LR_UPDATE_RATE, LR (f32),
//   TOTAL_TOKENS (f64: epoch · ntokens), COUNTER (i64: tokens processed by every thread, shared;
//   80 bytes past every other field and 64 before the header's end, so that on 64-byte cache lines
//   the threads' adds to it never share a line with the fields every example reads).
// A matrix descriptor (i32 words): KIND (0 dense, 1 product-quantized), ROWS, COLS, DATA (dense f32
// rows, or the codes: ROWS × NSUBQ u8), CENTROIDS (f32), NSUBQ, DSUB, LASTDSUB, QNORM (0/1),
// NORM_CODES (u8 per row), NORM_CENTROIDS (256 f32), as quantmatrix.cc and productquantizer.cc
// keep them (256 centroids per sub-quantizer).
// A thread's state (training, one per thread): RNG (minstd_rand's state), CURSOR (next line),
// LOCAL_TOKENS (not yet added to COUNTER), HIDDEN, GRAD, OUTPUT_ROW (f32 scratch of DIM, DIM and
// OSZ), LOSS_SUM and EXAMPLES (f64), OWN_OUTPUT and BASE_OUTPUT (0, or the thread's copy of the
// output rows and the shared rows as of its last merge: OSZ × DIM f32 each).

export const DIM: usize = 0;
export const OSZ: usize = 4;
export const LOSS: usize = 8;
export const NEG: usize = 12;
export const INPUT: usize = 16;
export const OUTPUT: usize = 20;
export const SIGMOID: usize = 24;
export const LOG: usize = 28;
export const LEFT: usize = 32;
export const RIGHT: usize = 36;
export const PATH_START: usize = 40;
export const PATH_ROW: usize = 44;
export const PATH_CODE: usize = 48;
export const NEGATIVES: usize = 52;
export const NEGATIVE_COUNT: usize = 56;
export const WORDS: usize = 60;
export const WORD_START: usize = 64;
export const LABELS: usize = 68;
export const LABEL_START: usize = 72;
export const NLINES: usize = 76;
export const LINE_TOKENS: usize = 80;
export const LR_UPDATE_RATE: usize = 84;
export const LR: usize = 88;
export const TOTAL_TOKENS: usize = 96;
export const COUNTER: usize = 192;

export const KIND: usize = 0;
export const ROWS: usize = 4;
export const COLS: usize = 8;
export const DATA: usize = 12;
export const CENTROIDS: usize = 16;
export const NSUBQ: usize = 20;
export const DSUB: usize = 24;
export const LASTDSUB: usize = 28;
export const QNORM: usize = 32;
export const NORM_CODES: usize = 36;
export const NORM_CENTROIDS: usize = 40;

export const RNG: usize = 0;
export const CURSOR: usize = 4;
export const LOCAL_TOKENS: usize = 8;
export const HIDDEN: usize = 12;
export const GRAD: usize = 16;
export const OUTPUT_ROW: usize = 20;
export const LOSS_SUM: usize = 24;
export const EXAMPLES: usize = 32;
export const OWN_OUTPUT: usize = 40;
export const BASE_OUTPUT: usize = 44;

export const HS: i32 = 1;
export const NS: i32 = 2;
export const SOFTMAX: i32 = 3;
export const OVA: i32 = 4;
