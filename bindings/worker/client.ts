// fitInWorker: trains a registered model (SoftmaxRegression unless told otherwise) in a worker (a
// module Web Worker in browsers, a worker_threads Worker in Node), so the calling thread stays
// responsive. Each call starts its own worker and ends it when the fit settles or is aborted.

import { init, loadedRuntime, threads } from "../runtime/runtime.js";
import { threadLimit } from "../runtime/scratch.js";
import type { SoftmaxRegression, FitOptions, TypedLabels } from "../models/softmax_regression.js";
import type { SoftmaxRegressionOptions } from "../models/softmax_regression_options.js";
import type { EpochInfo } from "../solvers/options.js";
import { loadModel, modelClass, type AnyModel, type ModelName } from "../models/registry.js";
import type { MLPClassifier } from "../models/mlp_classifier.js";
import type { MLPClassifierOptions } from "../models/mlp_classifier_options.js";
import type { MLPClassifierJSON } from "../models/mlp_classifier_json.js";
import type { MultiLabelLogisticRegression, MultiLabelOptions } from "../models/multilabel_logistic_regression.js";
import type { IndicatorMatrix, LabelSets } from "../data/multilabel.js";
import { checkOptions, optionsObject } from "../core/checks.js";
import type { WasmModule, WebWorkerLike } from "../core/platform.js";
import { DisposedError, NotFittedError, ThreadError, TrainingDivergedError } from "../core/errors.js";
import type { SoftmaxRegressionJSON } from "../models/softmax_regression_json.js";
import type { MatrixInput } from "../core/input.js";
import type { Label, LabelsInput } from "../data/labels.js";
import type { FitRequest, WorkerChannel, WorkerReply } from "./protocol.js";

/** The fourth argument of {@link fitInWorker}: how the run goes, beside the model's options. */
export interface WorkerFitOptions extends FitOptions {
  /** Called in this thread after each epoch (sgd, adam) or iteration (lbfgs); its return value is ignored. @default undefined */
  onEpoch?: (info: EpochInfo) => void;
  /** Aborting ends the worker at once and rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
  /**
   * Starts the worker, for bundlers or pages that serve the worker script themselves: for example
   * `() => new Worker(new URL("wasmax/worker", import.meta.url), { type: "module" })`.
   * @default undefined (the entry point's own worker script)
   */
  worker?: () => WebWorkerLike;
  /**
   * Compiled binary to post to the worker. Defaults to the one this thread loaded; without either
   * the worker loads its own.
   * @default undefined
   */
  module?: WasmModule;
  /** The registered model class to train, by name. @default "SoftmaxRegression" */
  model?: ModelName;
}

/** The run options when the model is an MLPClassifier. */
export type MLPWorkerFitOptions = WorkerFitOptions & { model: "MLPClassifier" };

const RUN_OPTIONS = ["features", "sampleWeight", "onEpoch", "signal", "worker", "module", "output", "model"];

let factory: (() => WorkerChannel) | undefined;

/** Set by the entry points that know how to start the worker script in their runtime. */
export function setWorkerFactory(value: () => WorkerChannel): void {
  factory = value;
}

/** Adapts a Web Worker (or anything with its postMessage / events / terminate) to the channel. */
export function webWorkerChannel(worker: WebWorkerLike): WorkerChannel {
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onFailure) {
      worker.addEventListener("message", (event) => onReply(event.data as WorkerReply));
      worker.addEventListener("error", (event) => {
        event.preventDefault?.();
        onFailure(new Error(`wasmax worker failed: ${event.message || "the script could not be loaded"}`));
      });
      worker.addEventListener("messageerror", () => onFailure(new Error("wasmax worker: a message could not be cloned")));
    },
    terminate: () => worker.terminate(),
  };
}

/** The model's options as fitInWorker takes them: onEpoch goes in the fourth argument (it runs in this thread). */
export type WorkerModelOptions = Omit<SoftmaxRegressionOptions, "onEpoch">;

/**
 * Trains in a worker (a module Web Worker in browsers, `worker_threads` in Node) and resolves to the
 * fitted model, usable in this thread (init() is called if needed). Progress reaches this thread; an
 * AbortSignal ends the worker. With `{ output: "json" }` it resolves to the model's JSON instead.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const model = await fitInWorker(X, y, { solver: "sgd", maxIter: 10 }, {
 *   features: 784,
 *   onEpoch: ({ epoch }) => (progress.value = epoch / 10),
 *   signal: controller.signal,
 * });
 * ```
 */
export function fitInWorker<Y extends Label>(
  X: readonly (readonly number[])[],
  y: readonly Y[],
  options?: WorkerModelOptions,
  run?: WorkerFitOptions & { output?: "model"; model?: "SoftmaxRegression" },
): Promise<SoftmaxRegression<Y>>;
/** An MLPClassifier (run.model); a typed-array X needs `features`, as for fit. */
export function fitInWorker<Y extends Label>(
  X: MatrixInput,
  y: readonly Y[],
  options: Omit<MLPClassifierOptions, "onEpoch"> | undefined,
  run: MLPWorkerFitOptions & { output?: "model" },
): Promise<MLPClassifier<Y>>;
/** A typed-array X needs `features` in the fourth argument. */
export function fitInWorker<Y extends Label>(
  X: Float32Array | Float64Array,
  y: readonly Y[],
  options: WorkerModelOptions | undefined,
  run: WorkerFitOptions & { features: number; output?: "model"; model?: "SoftmaxRegression" },
): Promise<SoftmaxRegression<Y>>;
export function fitInWorker(
  X: MatrixInput,
  y: TypedLabels,
  options: WorkerModelOptions | undefined,
  run: WorkerFitOptions & { features: number; output?: "model"; model?: "SoftmaxRegression" },
): Promise<SoftmaxRegression<number>>;
/** A MultiLabelLogisticRegression (run.model) on label sets or an indicator matrix. */
export function fitInWorker(
  X: MatrixInput,
  y: LabelSets | IndicatorMatrix,
  options: Omit<MultiLabelOptions, "onEpoch"> | undefined,
  run: WorkerFitOptions & { model: "MultiLabelLogisticRegression"; output?: "model" },
): Promise<MultiLabelLogisticRegression>;
/** The same, resolving to the model's JSON (for storage, or another thread) without loading wasmax here. */
export function fitInWorker(
  X: MatrixInput,
  y: LabelsInput,
  options: WorkerModelOptions | undefined,
  run: WorkerFitOptions & { output: "json"; model?: "SoftmaxRegression" },
): Promise<SoftmaxRegressionJSON>;
export function fitInWorker(
  X: MatrixInput,
  y: LabelsInput,
  options: Omit<MLPClassifierOptions, "onEpoch"> | undefined,
  run: MLPWorkerFitOptions & { output: "json" },
): Promise<MLPClassifierJSON>;
export async function fitInWorker(
  X: MatrixInput,
  y: LabelsInput | LabelSets | IndicatorMatrix,
  options?: WorkerModelOptions | Omit<MLPClassifierOptions, "onEpoch"> | Omit<MultiLabelOptions, "onEpoch">,
  run?: WorkerFitOptions & { output?: "model" | "json" },
): Promise<AnyModel | SoftmaxRegressionJSON | MLPClassifierJSON> {
  const checkedRun = checkOptions("fitInWorker's fourth argument", run, RUN_OPTIONS);
  const { onEpoch, signal, worker, module, output = "model", model = "SoftmaxRegression", ...fitOptions } = checkedRun;
  if (onEpoch !== undefined && typeof onEpoch !== "function") throw new TypeError("fitInWorker: onEpoch must be a function");
  if (output !== "model" && output !== "json") throw new TypeError(`fitInWorker: output must be 'model' or 'json', got ${String(output)}`);
  const { onEpoch: misplaced, ...cloneable } = optionsObject("fitInWorker options", options as { onEpoch?: unknown });
  if (misplaced !== undefined) throw new TypeError("fitInWorker: pass onEpoch in the fourth argument (it runs in this thread)");
  new (modelClass(model))(cloneable as never); // refuses unknown option names before a worker starts
  signal?.throwIfAborted();
  const loaded = loadedRuntime();
  const compiled = module ?? loaded?.module ?? undefined;
  const channel = worker ? webWorkerChannel(worker()) : startDefault();
  const request: FitRequest = {
    type: "fit",
    model,
    X,
    y,
    options: { ...cloneable },
    fitOptions,
    ...(compiled ? { module: compiled } : {}),
    ...(loaded ? { threads: threadLimit(threads()) } : {}),
  };
  const json = await exchange(channel, request, onEpoch, signal);
  if (output === "json") return json as SoftmaxRegressionJSON | MLPClassifierJSON;
  await init(compiled);
  return loadModel(json);
}

function startDefault(): WorkerChannel {
  if (!factory) throw new TypeError("fitInWorker: this runtime has no default worker; pass { worker: () => new Worker(...) }");
  return factory();
}

function exchange(
  channel: WorkerChannel,
  request: FitRequest,
  onEpoch: ((info: EpochInfo) => void) | undefined,
  signal: AbortSignal | undefined,
): Promise<SoftmaxRegressionJSON> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", abort);
      channel.terminate();
      finish();
    };
    const abort = (): void => settle(() => reject(signal?.reason));
    signal?.addEventListener("abort", abort, { once: true });
    channel.listen(
      (reply) => {
        if (settled) return;
        if (reply.type === "epoch") {
          // A throwing callback must reject this promise, not escape as an uncaught exception.
          try {
            onEpoch?.(reply.info);
          } catch (error) {
            settle(() => reject(error));
          }
        } else if (reply.type === "done") settle(() => resolve(reply.model as SoftmaxRegressionJSON));
        else settle(() => reject(rebuildError(reply)));
      },
      (error) => settle(() => reject(error)),
    );
    try {
      channel.post(request);
    } catch (error) {
      settle(() => reject(error));
    }
  });
}

/** The worker's error as the same kind of error in this thread. */
function rebuildError(reply: Extract<WorkerReply, { type: "error" }>): Error {
  switch (reply.name) {
    case "TypeError":
      return new TypeError(reply.message);
    case "RangeError":
      return new RangeError(reply.message);
    case "NotFittedError":
      return new NotFittedError(reply.message);
    case "DisposedError":
      return new DisposedError(reply.message);
    case "TrainingDivergedError":
      return new TrainingDivergedError(reply.message, reply.lastFinite);
    case "ThreadError":
      return new ThreadError(reply.message);
    default: {
      const error = new Error(reply.message);
      error.name = reply.name;
      return error;
    }
  }
}
