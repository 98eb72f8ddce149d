// The checks every model makes of (X, y) before training, in one place: features finite and within
// float32 range, targets read in the model's target kind, rows matching, weights non-negative.
// Errors name the argument, the row and the column. Targets come in three forms:
//   classes    one label per row (a softmax head), encoded as class indices;
//   sets       label sets, arrays of labels per row (a sigmoid head), as 0/1 rows over the classes;
//   indicator  a 0/1 indicator matrix, one column per label (data/multilabel.ts's rule).

import { checkCount, checkFinite, toMatrix, toVector, type Matrix, type MatrixInput } from "../core/input.js";
import { isSparseMatrix } from "../core/sparse_brand.js";
import type { SparseMatrix } from "../core/sparse.js";
import { checkLabels, encodeLabels, uniqueLabels, type Label, type LabelsInput } from "../data/labels.js";
import type { MultiLabelTargets } from "../data/multilabel.js";
import type { LabelSetCodec } from "./label_sets.js";

export type TargetForm = "classes" | "sets" | "indicator";
/** What a model's fit takes: one label per row, label sets (or indicator rows), or either. */
export type TargetKind = "labels" | "label-sets" | "labels or label-sets";

/**
 * Checked training data: features, class indices (which a validation split stratifies by and class
 * weights apply to; all 0 for label sets), 0/1 target rows for label sets (rows × classes), and
 * optional row weights.
 */
export interface FitData {
  X: Matrix | SparseMatrix;
  classes: Label[];
  form: TargetForm;
  labels: Int32Array;
  targets?: Float32Array;
  sampleWeights: Float32Array | null;
}

/** What the fitted model already fixes for partialFit. */
export interface FittedTargets {
  classes: readonly Label[];
  form: TargetForm;
  features: number;
}

/** Arrays of arrays are label sets or an indicator matrix; anything else is one label per row. */
export function isLabelSets(y: unknown): boolean {
  return Array.isArray(y) && y.length > 0 && Array.isArray(y[0]);
}

/** What fit(X, y, { sampleWeight, features }) trains on, for a model taking `kind` (label sets read by `labelSets`). */
export function fitData(
  kind: TargetKind,
  labelSets: LabelSetCodec | undefined,
  X: MatrixInput | SparseMatrix,
  y: unknown,
  options: { sampleWeight?: unknown; features?: number },
): FitData {
  const matrix = inputMatrix(X, options.features);
  const sets = kind === "label-sets" || (kind === "labels or label-sets" && isLabelSets(y));
  const data = sets ? multiLabelData(matrix, labelSets!.read("y", y)) : labelData(matrix, y as LabelsInput, null);
  if (sets && data.classes.length < 1) throw new RangeError("y names no label: a multi-label model needs at least one");
  const sampleWeights =
    options.sampleWeight === undefined ? null : toVector("sampleWeight", options.sampleWeight, matrix.rows, "one per row of X");
  return { ...data, sampleWeights };
}

/**
 * What partialFit(X, y, { classes, features }) trains on: the classes, their form and the feature
 * count come from the fitted model or, on the first call, from the options (label sets need
 * `classes`; an indicator matrix's columns are the labels 0 … K−1). A `features` that differs
 * from the fitted model's, or that is not a count, is refused.
 */
export function partialFitData(
  kind: TargetKind,
  labelSets: LabelSetCodec | undefined,
  X: MatrixInput | SparseMatrix,
  y: unknown,
  options: { classes?: readonly Label[]; features?: number },
  fitted: FittedTargets | null,
): FitData {
  if (options.features !== undefined) {
    checkCount("features", options.features);
    if (fitted && options.features !== fitted.features)
      throw new RangeError(`partialFit: features = ${options.features}, but the model was trained with ${fitted.features}`);
  }
  const matrix = inputMatrix(X, ArrayBuffer.isView(X) ? (fitted?.features ?? options.features) : undefined);
  if (fitted && matrix.cols !== fitted.features)
    throw new RangeError(`X has ${matrix.cols} features, but the model was trained with ${fitted.features}`);
  const sets = fitted ? fitted.form !== "classes" : kind === "label-sets" || (kind === "labels or label-sets" && isLabelSets(y));
  const declared = options.classes === undefined ? undefined : uniqueLabels("classes", options.classes);
  if (fitted && declared && !sameClasses(declared, fitted.classes))
    throw new RangeError("partialFit: classes differ from the ones this model was trained with");
  if (sets) {
    const known = fitted ? { classes: fitted.classes, form: fitted.form as "sets" | "indicator" } : declaredLabels(labelSets!, declared, y);
    return { ...multiLabelData(matrix, labelSets!.read("y", y, known)), sampleWeights: null };
  }
  if (!fitted && declared === undefined)
    throw new TypeError("partialFit: pass { classes } (every label the model will see) on the first call");
  const classes = fitted ? [...fitted.classes] : declared!;
  if (classes.length < 2) throw new RangeError("partialFit: classes must hold at least two labels");
  checkLabels("y", y);
  return { ...labelData(matrix, y as LabelsInput, classes), sampleWeights: null };
}

/**
 * X as training rows: a SparseMatrix as it is (checked when built; `features`, if given, must be its
 * column count), dense rows checked finite within float32 range.
 */
function inputMatrix(X: MatrixInput | SparseMatrix, features: number | undefined): Matrix | SparseMatrix {
  if (isSparseMatrix(X)) {
    if (features !== undefined && features !== X.cols)
      throw new RangeError(`features = ${features}, but X (a SparseMatrix) has ${X.cols} columns`);
    return X;
  }
  const matrix = toMatrix("X", X, features, "features");
  checkFinite("X", matrix);
  return matrix;
}

/** One label per row: classes found in y (at least two) or given, labels encoded. */
function labelData(matrix: Matrix | SparseMatrix, y: LabelsInput, classes: Label[] | null): Omit<FitData, "sampleWeights"> {
  if (Array.isArray(y) && y.length > 0 && Array.isArray(y[0])) {
    throw new TypeError(
      "y holds label sets (arrays), but this model takes one label per row: " +
        "use MultiLabelLogisticRegression or MLPClassifier for label sets",
    );
  }
  const found = classes ?? uniqueLabels("y", y);
  const n = (y as ArrayLike<Label>).length;
  if (n !== matrix.rows) throw new RangeError(`X has ${matrix.rows} rows but y has ${n} labels`);
  if (found.length < 2) throw new RangeError(`y has a single class (${JSON.stringify(found[0])}): a classifier needs at least two`);
  return { X: matrix, classes: found, form: "classes", labels: encodeLabels("y", y, found) };
}

/** Label sets or indicator rows: 0/1 target rows, labels all 0 (nothing to stratify by). */
function multiLabelData(matrix: Matrix | SparseMatrix, targets: MultiLabelTargets): Omit<FitData, "sampleWeights"> {
  if (targets.rows !== matrix.rows) throw new RangeError(`X has ${matrix.rows} rows but y has ${targets.rows} label sets`);
  return {
    X: matrix,
    classes: targets.classes,
    form: targets.form,
    labels: new Int32Array(matrix.rows),
    targets: targets.indicator,
  };
}

/** The first partialFit of label sets: every label declared, or an indicator matrix that needs none. */
function declaredLabels(
  labelSets: LabelSetCodec,
  classes: Label[] | undefined,
  y: unknown,
): { classes: readonly Label[]; form: "sets" | "indicator" } | undefined {
  if (classes === undefined) {
    if (Array.isArray(y) && labelSets.isIndicatorMatrix(y)) return undefined;
    throw new TypeError("partialFit: pass { classes } (every label the model will see) on the first call of label sets");
  }
  if (classes.length < 1) throw new RangeError("partialFit: classes must be an array of at least one label");
  return { classes, form: labelSets.declaredForm(y, classes) };
}

export function sameClasses(a: readonly Label[], b: readonly Label[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
