// quantize(model, options): `fasttext quantize` on a FastTextClassifier, giving a new model whose
// toFastText is a .ftz. The pruning and product quantization are fasttext/quantize.ts's; retrain
// (with a cutoff) trains the pruned model further on the training texts, as fastText's -retrain
// does: the pruned dictionary reads the texts (dropped words and n-grams vanish), and training runs
// `epoch` epochs from lr with the quantize command's defaults (Args(): lr 0.05, epoch 5).

import { checkOptions, describeValue } from "../core/checks.js";
import { FastTextDictionary } from "../features/fasttext_dictionary.js";
import { quantizeData, type RetrainInput } from "../fasttext/quantize.js";
import type { FastTextDenseMatrix } from "../fasttext/file_data.js";
import { ready } from "../runtime/scratch.js";
import { FastTextClassifier, type FastTextLabel } from "./fasttext_classifier.js";
import { wasmCentroidSearch } from "./fasttext_centroid_search.js";

/** quantize's options: `fasttext quantize`'s flags, and the training texts retrain needs. */
export interface FastTextQuantizeOptions {
  /** Input rows to keep (words and n-grams of largest norm); 0 keeps all. @default 0 */
  cutoff?: number;
  /** Train the kept rows further (with a cutoff); needs `texts` and `labels`. @default false */
  retrain?: boolean;
  /** Quantize the row norms apart. @default false */
  qnorm?: boolean;
  /** Quantize the output matrix too (it needs at least 256 labels). @default false */
  qout?: boolean;
  /** Columns per sub-vector. @default 2 */
  dsub?: number;
  /** retrain: the training texts. @default undefined */
  texts?: readonly string[];
  /** retrain: their labels. @default undefined */
  labels?: readonly FastTextLabel[];
  /** retrain: epochs. @default 5 */
  epoch?: number;
  /** retrain: the initial learning rate. @default 0.05 */
  lr?: number;
  /** retrain: threads. @default the model's */
  thread?: number;
}

const NAMES = ["cutoff", "retrain", "qnorm", "qout", "dsub", "texts", "labels", "epoch", "lr", "thread"];

/** The quantized model (a new one; `model` is unchanged). Errors as quantizeData's and fit's. */
export function quantize(model: FastTextClassifier, options?: FastTextQuantizeOptions): FastTextClassifier {
  const o = checkOptions("quantize options", options, NAMES);
  if (!(model instanceof FastTextClassifier)) throw new TypeError(`quantize: expected a FastTextClassifier, got ${describeValue(model)}`);
  if (o.retrain !== undefined && typeof o.retrain !== "boolean") throw new TypeError("quantize: retrain must be a boolean");
  if (o.retrain && (o.texts === undefined || o.labels === undefined))
    throw new TypeError("quantize: retrain needs the training texts and labels ({ texts, labels })");
  const parts = model.parts();
  const retrain =
    o.retrain && (o.cutoff ?? 0) > 0
      ? (pruned: RetrainInput) => {
          const args = { ...pruned.args, epoch: o.epoch ?? 5, lr: o.lr ?? 0.05, thread: o.thread ?? pruned.args.thread };
          const dictionary = new FastTextDictionary(pruned.dictionary, args);
          const trained = model.retrained({ args, dictionary, input: pruned.input, output: pruned.output }, o.texts!, o.labels!);
          try {
            const p = trained.parts();
            return { input: p.input as FastTextDenseMatrix, output: p.output as FastTextDenseMatrix };
          } finally {
            trained.dispose();
          }
        }
      : undefined;
  const q = quantizeData(
    { args: parts.args, dictionary: parts.dictionary.toData(), input: parts.input, output: parts.output },
    { cutoff: o.cutoff, qnorm: o.qnorm, qout: o.qout, dsub: o.dsub, ...(retrain ? { retrain } : {}) },
    wasmCentroidSearch(ready()),
  );
  // As fastText, a retrained model's args hold the retraining's epoch and lr.
  const args = retrain ? { ...q.args, epoch: o.epoch ?? 5, lr: o.lr ?? 0.05 } : q.args;
  return FastTextClassifier.fromParts({ ...q, args, dictionary: new FastTextDictionary(q.dictionary, args) });
}
