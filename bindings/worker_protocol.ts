// Messages between fitInWorker (the calling thread) and the worker script. Everything crosses by
// structured clone; a WebAssembly.Module clones too, so the worker need not fetch or compile again.

import type { EpochInfo, FitOptions, SoftmaxRegressionOptions } from "./softmax_regression.js";
import type { SoftmaxRegressionJSON } from "./model_json.js";
import type { MatrixInput } from "./input.js";
import type { LabelsInput } from "./labels.js";

export interface FitRequest {
  type: "fit";
  /** The caller's compiled binary; absent when the worker should load its own. */
  module?: WebAssembly.Module;
  X: MatrixInput;
  y: LabelsInput;
  options: Omit<SoftmaxRegressionOptions, "onEpoch">;
  fitOptions: FitOptions;
}

export type WorkerReply =
  | { type: "epoch"; info: EpochInfo }
  | { type: "done"; model: SoftmaxRegressionJSON }
  | { type: "error"; name: string; message: string; lastFinite?: unknown };

/** What fitInWorker needs of a worker, whether a Web Worker or a Node worker_threads Worker. */
export interface WorkerChannel {
  post(message: FitRequest): void;
  /** Calls onReply for each reply, onFailure if the worker dies or cannot load. */
  listen(onReply: (reply: WorkerReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}
