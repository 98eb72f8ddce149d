// fitInWorker: trains a registered model (the registry's first unless told otherwise) in a worker (a
// module Web Worker in browsers, a worker_threads Worker in Node), so the calling thread stays
// responsive. Each call starts its own worker and ends it when the fit settles or is aborted.

import { init, loadedRuntime, threads } from "../runtime/runtime.js";
import { threadLimit } from "../runtime/scratch.js";
import type { FitOptions, ModelInput } from "../models/model.js";
import type { ModelJSON } from "../models/json.js";
import type { EpochInfo } from "../solvers/options.js";
import {
  MODELS,
  modelFromJSON,
  modelClass,
  type AnyModel,
  type AnyTextModel,
  type FitInWorker,
  type ModelName,
} from "../models/registry.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import { checkOptions, optionsObject } from "../core/checks.js";
import type { WasmModule, WebWorkerLike } from "../core/platform.js";
import { DisposedError, NotFittedError, ThreadError, TrainingDivergedError } from "../core/errors.js";
import type { FitRequest, WorkerChannel, WorkerReply } from "./protocol.js";

export interface WorkerFitOptions extends FitOptions {
  /** Called in this thread after each epoch (sgd, adam) or iteration (lbfgs); its return value is ignored. @default undefined */
  onEpoch?: (info: EpochInfo) => void;
  /** Aborting ends the worker at once and rejects with the signal's reason. @default undefined */
  signal?: AbortSignal;
  /**
   * Starts the worker, for bundlers or pages that serve the worker script themselves: for example
   * `() => new Worker(new URL("wasmax/worker", import.meta.url), { type: "module" })`.
   * @default the runtime's (a module Worker, or worker_threads)
   */
  worker?: () => WebWorkerLike;
  /**
   * Compiled binary to post to the worker. Defaults to the one this thread loaded; without either
   * the worker loads its own.
   * @default the one this thread loaded
   */
  module?: WasmModule;
  /** The registered model class to train, by name. @default the registry's first (SoftmaxRegression) */
  model?: ModelName;
}

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

/**
 * Trains a registered model in a worker and resolves to the fitted model, usable in this thread
 * (init() is called if needed), or with `output: "json"` to its saved form. X and y as the model's
 * fit takes them (a SparseMatrix crosses as its three arrays); the model's options without onEpoch;
 * the fourth argument: fit's options and the run's (onEpoch, signal, worker, module, output, model).
 */
export const fitInWorker: FitInWorker<WorkerFitOptions> = fitInWorkerRun as FitInWorker<WorkerFitOptions>;

async function fitInWorkerRun(
  X: ModelInput,
  y: unknown,
  options?: object,
  run?: WorkerFitOptions & { output?: "model" | "json" },
): Promise<AnyModel | AnyTextModel | ModelJSON> {
  const checkedRun = checkOptions("fitInWorker's fourth argument", run, RUN_OPTIONS);
  const { onEpoch, signal, worker, module, output = "model", model = MODELS[0].modelName, ...fitOptions } = checkedRun;
  if (onEpoch !== undefined && typeof onEpoch !== "function") throw new TypeError("fitInWorker: onEpoch must be a function");
  if (output !== "model" && output !== "json") throw new TypeError(`fitInWorker: output must be 'model' or 'json', got ${String(output)}`);
  const { onEpoch: misplaced, ...cloneable } = optionsObject("fitInWorker options", options as { onEpoch?: unknown });
  if (misplaced !== undefined) throw new TypeError("fitInWorker: pass onEpoch in the fourth argument (it runs in this thread)");
  if ((cloneable as { onProgress?: unknown }).onProgress !== undefined)
    throw new TypeError("fitInWorker: onProgress cannot cross to a worker; pass onEpoch in the fourth argument");
  new (modelClass(model))(cloneable as never); // refuses unknown option names before a worker starts
  signal?.throwIfAborted();
  const loaded = loadedRuntime();
  const compiled = module ?? loaded?.module ?? undefined;
  const channel = worker ? webWorkerChannel(worker()) : startDefault();
  const request: FitRequest = {
    type: "fit",
    model,
    X: isSparseMatrix(X) ? { indptr: X.indptr, indices: X.indices, data: X.data, cols: X.cols } : X,
    y: y as FitRequest["y"],
    options: { ...cloneable },
    fitOptions,
    ...(compiled ? { module: compiled } : {}),
    ...(loaded ? { threads: threadLimit(threads()) } : {}),
  };
  const json = await exchange(channel, request, onEpoch, signal);
  if (output === "json") return json;
  await init(compiled);
  return modelFromJSON(json);
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
): Promise<ModelJSON> {
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
        } else if (reply.type === "done") settle(() => resolve(reply.model as ModelJSON));
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
