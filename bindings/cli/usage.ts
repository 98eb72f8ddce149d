// What `wasmax --help` and `wasmax <command> --help` print: each command's usage and options.

import { MODELS } from "../api.js";

export const USAGE: Record<string, string> = {
  train: `wasmax train <data.csv> --target <column> [options] -o <model.json>
  --model ${MODELS.map((M) => M.spec.cliName).join("|")}
                          ${MODELS.map((M, i) => `${M.modelName}${i === 0 ? " (default)" : ""}`).join(", ")}
                          (a label-set model's target cell is a label set: "a|b", an empty cell for none)
  --label-sep "|"         what separates a label set's labels (label-set models)
  --hidden 128[,64]       hidden layer sizes (models with hidden layers)
  --solver lbfgs|sgd|adam --max-iter N --learning-rate N --batch-size N --seed N
  --early-stopping        sgd/adam: stop when a tenth of the training rows stops improving
  --C N                   inverse regularisation strength (the linear models)
  --test-size 0.2         the fraction held out (stratified for single labels) and reported on
                          after training: a fifth by default; or --test <test.csv>, or --no-test
  --scale, --no-scale     standardise the number columns (on by default for --model mlp); text
                          columns (most cells not numbers) are one-hot encoded; both are saved
                          in the model file, a pipeline that loadModel reads
  --plot <loss.svg>       draw the loss per iteration or epoch (and the held-out accuracy per
                          epoch with --early-stopping)
  --stream                train on a file larger than memory: two streaming passes (classes and
                          scaler statistics, then sgd/adam in buffers of --buffer-rows, 10000);
                          --test-size then holds out that fraction of the rows as they stream by
                          (no --test, --max-iter or lbfgs: one pass over the file)
  --quiet                 no progress (WASMAX_PROGRESS=bar|lines|none chooses its form)
  - for <data.csv> reads standard input; -o - writes the model file to standard output.
A flag that does not apply to the chosen model or mode is refused (exit 2), never ignored.
Texts: wasmax train <data.txt> -o <model.json>   a fastText-format file (__label__x text; several
                          labels on a line train --model multilabel; --format fasttext for one on
                          standard input), or a CSV with --text <column> --target <column>; the
                          texts are hashed (HashingVectorizer):
  --buckets 262144 --ngrams 1,2 [--char-ngrams 2,4]
  --solver adam (5 epochs) --max-iter N --learning-rate N --C N --seed N --quiet --plot <loss.svg>
  --test-size 0.2, --test <file> or --no-test   as for tables: a fifth held out and reported on
  then: wasmax test <model.json> <data.txt> [-k 1]   N, P@k, R@k as fastText's test prints them
        wasmax predict <model.json> <data.txt> [-k 1] [-o out.txt]
                          each text's k best labels, with their probabilities`,
  test: `wasmax test <model.json> <data.csv> [-k 1] [--plot confusion.svg]
                          the classification report and confusion matrix (or the multi-label
                          report), then N, P@k and R@k over each row's k most probable labels;
                          --plot draws the confusion matrix as a heat map`,
  predict: `wasmax predict <model.json> <data.csv> [--proba | -k N] [-o out.csv]
                          one row per input row (CSV, to standard output or the file): the
                          prediction, every class's probability (--proba), or the k most probable
                          labels with their probabilities (-k)`,
  info: "wasmax info <model.json>   what the model is and was trained on",
  plot: `wasmax plot <model.json> <data.csv> -o <regions.svg> [--resolution 120]
                          the decision regions of a model of two number columns, with the CSV's
                          points coloured by their class (the target column)`,
  export: `wasmax export <model.json> -o <model.onnx> [--opset 13]
                          an ONNX graph of standard ops for onnxruntime and other ONNX runtimes; a saved
                          scaler is folded into the first layer, so the graph takes the raw features;
                          text columns make one string input per column, one-hot encoded in the graph`,
  import: `wasmax import <model.onnx> -o <model.json> [--target label] [--features a,b,…] [--head softmax|sigmoid]
                          an ONNX model (Gemm/MatMul layers, activations, Softmax; ai.onnx.ml
                          LinearClassifier) as a model file for test and predict; feature and target
                          names come from a wasmax export's metadata, else from the options (x1 … xD)`,
};

/** Every command's usage, for `wasmax --help`. */
export function help(version: string): string {
  return (
    `wasmax ${version}: softmax classifiers on CSV files\n\n${Object.values(USAGE).join("\n\n")}\n\n` +
    `Any file argument may be - (standard input); -o - writes to standard output. Exit codes: 0 ok, 1 failed, 2 usage.\n`
  );
}
