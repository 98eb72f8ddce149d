// Messages between fitInWorker (the calling thread) and the worker script. Everything crosses by
// structured clone; a WebAssembly.Module clones too, so the worker need not fetch or compile again.

import type { EpochInfo } from "../solvers/options.js";
import type { WasmModule } from "../core/platform.js";
import type { MatrixInput } from "../core/input.js";
import type { FitOptions, NamedRows } from "../models/model.js";
import type { LabelsInput } from "../data/labels.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";

export interface FitRequest {
  type: "fit";
  /** The registered model class to train (models/registry.ts). */
  model: string;
  /** The caller's compiled binary; absent when the worker should load its own. */
  module?: WasmModule;
  /**
   * Threads the worker trains on: as many as the caller's fits use, so that both give the same
   * weights; absent (the caller has not loaded wasmax) for the worker's default.
   */
  threads?: number;
  /** Dense rows (arrays, or objects by column name), or a SparseMatrix's CSR arrays (a class instance does not survive a clone). */
  X: MatrixInput | NamedRows | SparseRows;
  /** One label per row, or label sets / an indicator matrix for multi-label models. */
  y: LabelsInput | LabelSets | IndicatorMatrix;
  /** The model's options, without callbacks. */
  options: Record<string, unknown>;
  fitOptions: FitOptions;
}

/** A SparseMatrix as it crosses to the worker: its arrays, copied once by structured clone. */
export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
  cols: number;
}

export type WorkerReply =
  | { type: "epoch"; info: EpochInfo }
  | { type: "done"; model: unknown }
  | { type: "error"; name: string; message: string; lastFinite?: unknown };

/** What fitInWorker needs of a worker, whether a Web Worker or a Node worker_threads Worker. */
export interface WorkerChannel {
  post(message: FitRequest): void;
  /** Calls onReply for each reply, onFailure if the worker dies or cannot load. */
  listen(onReply: (reply: WorkerReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}
