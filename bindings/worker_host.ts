// The worker side of fitInWorker: one fit per request, epochs reported as they finish, the fitted
// model returned as JSON. Errors go back with their name, so the caller rethrows the same kind.

import { init } from "./runtime.js";
import { SoftmaxRegression } from "./softmax_regression.js";
import { TrainingDivergedError } from "./errors.js";
import type { FitRequest, WorkerReply } from "./worker_protocol.js";

export async function handleFit(request: FitRequest, reply: (message: WorkerReply) => void): Promise<void> {
  let model: SoftmaxRegression | undefined;
  try {
    await init(request.module);
    model = new SoftmaxRegression({ ...request.options, onEpoch: (info) => reply({ type: "epoch", info }) });
    model.fit(request.X, request.y, request.fitOptions);
    reply({ type: "done", model: model.toJSON() });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const lastFinite = e instanceof TrainingDivergedError ? e.lastFinite : undefined;
    reply({ type: "error", name: e.name, message: e.message, lastFinite });
  } finally {
    model?.dispose();
  }
}
