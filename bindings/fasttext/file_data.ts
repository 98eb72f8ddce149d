// fastText's .bin / .ftz file as plain data (fastText 0.9.2's FastText::saveModel): the args, the
// dictionary, then the input and the output matrices, dense (densematrix.cc) or product-quantized
// (quantmatrix.cc, productquantizer.cc). Every field a file holds is here, so a file read and written
// back is the same bytes.

import type { FastTextArgs } from "../features/fasttext_args.js";
import type { FastTextDictionaryData } from "../features/fasttext_dictionary.js";

/** A dense float32 matrix, row-major: row i is data[i * cols, (i + 1) * cols). */
export interface FastTextDenseMatrix {
  kind: "dense";
  rows: number;
  cols: number;
  data: Float32Array;
}

/**
 * A product quantizer (productquantizer.cc): the dim columns split into nsubq sub-vectors of dsub
 * columns, the last one lastdsub; each has 256 centroids. Centroid c of sub-vector m starts at
 * centroids[m * 256 * dsub + c * (m === nsubq - 1 ? lastdsub : dsub)]; centroids holds dim * 256 floats.
 */
export interface FastTextProductQuantizer {
  dim: number;
  nsubq: number;
  dsub: number;
  lastdsub: number;
  centroids: Float32Array;
}

/**
 * A product-quantized matrix (quantmatrix.cc): row i is the concatenation over m of the centroids
 * codes[i * nsubq + m] of pq, times (qnorm) the norm normPq.centroids[normCodes[i]].
 */
export interface FastTextQuantizedMatrix {
  kind: "quantized";
  rows: number;
  cols: number;
  /** Whether row norms are quantized apart (normCodes and normPq present). */
  qnorm: boolean;
  /** rows * pq.nsubq code bytes. */
  codes: Uint8Array;
  pq: FastTextProductQuantizer;
  /** With qnorm: one code byte per row into normPq (dim 1, dsub 1). */
  normCodes?: Uint8Array;
  /** With qnorm: the quantizer of the norms. */
  normPq?: FastTextProductQuantizer;
}

/** A matrix of a fastText file. */
export type FastTextMatrix = FastTextDenseMatrix | FastTextQuantizedMatrix;

/** Everything a fastText supervised .bin / .ftz holds. */
export interface FastTextFileData {
  /**
   * The 13 stored arguments (fasttext_args.ts STORED_ARGS) and qout (the flag before the output matrix),
   * qnorm and dsub (the input matrix's, when quantized); the others are `fasttext supervised`'s defaults.
   */
  args: FastTextArgs;
  dictionary: FastTextDictionaryData;
  /** (nwords + bucket, or nwords + kept n-grams when pruned) x dim. Quantized in a .ftz. */
  input: FastTextMatrix;
  /** nlabels x dim. Quantized when the .ftz was made with qout. */
  output: FastTextMatrix;
}

/** The first int32 of every fastText model file. */
export const FASTTEXT_MAGIC = 793712314;
/** The file version fastText 0.9.2 writes (and the only one read here). */
export const FASTTEXT_VERSION = 12;
/** Centroids per sub-vector (8-bit codes). */
export const KSUB = 256;
