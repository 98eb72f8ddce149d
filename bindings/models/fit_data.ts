// The checks every classifier makes of (X, y) before training, in one place: features finite and
// within float32 range, labels of one kind, one label per row, at least two classes, weights
// non-negative. Errors name the argument, the row and the column.

import { checkFinite, toMatrix, toVector, type Matrix, type MatrixInput } from "../core/input.js";
import { checkLabels, encodeLabels, uniqueLabels, type Label, type LabelsInput } from "../data/labels.js";
import { declaredForm, isIndicatorMatrix, readMultiLabel, type MultiLabelTargets } from "../data/multilabel.js";

export interface FitData {
  X: Matrix;
  classes: Label[];
  labels: Int32Array;
  sampleWeights: Float32Array | null;
}

/** What fit(X, y, { sampleWeight, features }) trains on. */
export function fitData(X: MatrixInput, y: LabelsInput, options: { sampleWeight?: unknown; features?: number }): FitData {
  const matrix = toMatrix("X", X, options.features, "features");
  checkFinite("X", matrix);
  if (Array.isArray(y) && y.length > 0 && Array.isArray(y[0])) {
    throw new TypeError(
      "y holds label sets (arrays), but this model takes one label per row: use MultiLabelLogisticRegression or MLPClassifier for label sets",
    );
  }
  const classes = uniqueLabels("y", y);
  sameRows(matrix, y);
  if (classes.length < 2) throw new RangeError(`y has a single class (${JSON.stringify(classes[0])}): a classifier needs at least two`);
  const labels = encodeLabels("y", y, classes);
  const sampleWeights =
    options.sampleWeight === undefined ? null : toVector("sampleWeight", options.sampleWeight, matrix.rows, "one per row of X");
  return { X: matrix, classes, labels, sampleWeights };
}

/**
 * What partialFit(X, y, { classes, features }) trains on: the classes come from the fitted model
 * (`fitted`) or, on the first call, from options.classes.
 */
export function partialFitData(
  X: MatrixInput,
  y: LabelsInput,
  options: { classes?: readonly Label[]; features?: number },
  fitted: { classes: Label[]; features: number } | null,
): FitData {
  let classes: Label[];
  if (fitted) {
    classes = fitted.classes;
    if (options.classes !== undefined && !sameClasses(uniqueLabels("classes", options.classes), classes)) {
      throw new RangeError("partialFit: classes differ from the ones this model was trained with");
    }
  } else {
    if (options.classes === undefined)
      throw new TypeError("partialFit: pass { classes } (every label the model will see) on the first call");
    classes = uniqueLabels("classes", options.classes);
    if (classes.length < 2) throw new RangeError("partialFit: classes must hold at least two labels");
  }
  const matrix = toMatrix("X", X, ArrayBuffer.isView(X) ? (fitted ? fitted.features : options.features) : undefined, "features");
  if (fitted && matrix.cols !== fitted.features) {
    throw new RangeError(`X has ${matrix.cols} features, but the model was trained with ${fitted.features}`);
  }
  checkFinite("X", matrix);
  checkLabels("y", y);
  sameRows(matrix, y);
  return { X: matrix, classes, labels: encodeLabels("y", y, classes), sampleWeights: null };
}

/**
 * What partialFit(X, y, { classes, features }) trains on for label sets or indicator rows: the
 * labels and their form come from the fitted model (`fitted`) or, on the first call, from
 * options.classes (data/multilabel.ts's declaredForm tells sets from indicator rows); an indicator
 * matrix needs no classes. Label sets without them are a TypeError asking for them.
 */
export function partialMultiLabelData(
  X: MatrixInput,
  y: unknown,
  options: { classes?: readonly Label[]; features?: number },
  fitted: { classes: readonly Label[]; form: "sets" | "indicator"; features: number } | null,
): { X: Matrix; targets: MultiLabelTargets } {
  const matrix = toMatrix("X", X, ArrayBuffer.isView(X) ? (fitted ? fitted.features : options.features) : undefined, "features");
  if (fitted && matrix.cols !== fitted.features)
    throw new RangeError(`X has ${matrix.cols} features, but the model was trained with ${fitted.features}`);
  checkFinite("X", matrix);
  if (fitted && options.classes !== undefined && !sameClasses(uniqueLabels("classes", options.classes), fitted.classes)) {
    throw new RangeError("partialFit: classes differ from the labels this model was trained with");
  }
  const targets = readMultiLabel("y", y, fitted ?? declaredLabels(options.classes, y));
  if (targets.rows !== matrix.rows) throw new RangeError(`X has ${matrix.rows} rows but y has ${targets.rows} label sets`);
  return { X: matrix, targets };
}

function declaredLabels(
  classes: readonly Label[] | undefined,
  y: unknown,
): { classes: readonly Label[]; form: "sets" | "indicator" } | undefined {
  if (classes === undefined) {
    if (Array.isArray(y) && isIndicatorMatrix(y)) return undefined;
    throw new TypeError("partialFit: pass { classes } (every label the model will see) on the first call of label sets");
  }
  if (!Array.isArray(classes) || classes.length < 1) throw new RangeError("partialFit: classes must be an array of at least one label");
  const labels = uniqueLabels("classes", classes);
  return { classes: labels, form: declaredForm(y, labels) };
}

export function sameClasses(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

function sameRows(m: Matrix, y: LabelsInput): void {
  const n = (y as ArrayLike<Label>).length;
  if (n !== m.rows) throw new RangeError(`X has ${m.rows} rows but y has ${n} labels`);
}
