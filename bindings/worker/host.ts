// The worker side of fitInWorker: one fit per request, of any registered model, epochs reported as
// they finish, the fitted model returned as JSON. Errors go back with their name, so the caller
// rethrows the same kind.

import { init } from "../runtime/runtime.js";
import { modelClass, type AnyModel, type AnyTextModel } from "../models/registry.js";
import { TrainingDivergedError } from "../core/errors.js";
import type { FitRequest, WorkerReply } from "./protocol.js";
import { SparseMatrix } from "../core/sparse.js";
import type { FitOptions, ModelInput } from "../models/model.js";

export async function handleFit(request: FitRequest, reply: (message: WorkerReply) => void): Promise<void> {
  let model: AnyModel | AnyTextModel | undefined;
  try {
    await init(request.module, request.threads === undefined ? undefined : { threads: request.threads });
    const Model = modelClass(request.model);
    model = new Model({ ...request.options, onEpoch: (info) => reply({ type: "epoch", info }) });
    // The request was checked by the caller's types; the model checks every value again.
    const fit = model.fit as (X: ModelInput, y: FitRequest["y"], options: FitOptions) => unknown;
    const X = request.X;
    // A SparseMatrix arrives as its arrays and is checked again as it is rebuilt.
    fit.call(model, "indptr" in X ? SparseMatrix.fromCSR(X) : X, request.y, request.fitOptions);
    reply({ type: "done", model: model.toJSON() });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const lastFinite = e instanceof TrainingDivergedError ? e.lastFinite : undefined;
    reply({ type: "error", name: e.name, message: e.message, lastFinite });
  } finally {
    model?.dispose();
  }
}
