// Every model wasmax can save, load and train in a worker: an explicit list, not registration by
// side effect, so bundlers can still drop what an app never imports ("sideEffects": false).
// loadModel picks the class from a saved model's format tag.

import { SoftmaxRegression } from "./softmax_regression.js";
import { MLPClassifier } from "./mlp_classifier.js";
import { MultiLabelLogisticRegression } from "./multilabel_logistic_regression.js";
import { readJSONObject } from "./json.js";

/** Every registered model class: the one list that loadModel, fitInWorker, the CLI and ONNX import use. */
export const MODELS = [SoftmaxRegression, MLPClassifier, MultiLabelLogisticRegression] as const;

/** A model class of the registry. */
export type ModelClass = (typeof MODELS)[number];
/** An instance of any registered model. */
export type AnyModel = InstanceType<ModelClass>;
/** The class names that fitInWorker accepts. */
export type ModelName = ModelClass["modelName"];

/** The registered class called `name`; a RangeError listing the names otherwise. */
export function modelClass(name: string): ModelClass {
  const found = MODELS.find((M) => M.modelName === name);
  if (!found) throw new RangeError(`unknown model ${JSON.stringify(name)}: expected one of ${MODELS.map((M) => M.modelName).join(", ")}`);
  return found;
}

/**
 * A fitted model from the JSON (object or string) that a model's toJSON() made, whichever registered
 * model it is: the class is picked by the JSON's format tag.
 * @example
 * ```ts
 * const model = loadModel(await readFile("model.json", "utf8"));
 * model.predict(X);
 * ```
 */
export function loadModel(json: unknown): AnyModel {
  const parsed = readJSONObject("loadModel", json);
  const format = parsed["format"];
  const M = MODELS.find((m) => m.format === format);
  if (!M) {
    throw new TypeError(
      `loadModel: format is ${JSON.stringify(format)}, expected one of ${MODELS.map((m) => JSON.stringify(m.format)).join(", ")}`,
    );
  }
  return M.fromJSON(parsed);
}
