// The steps a Pipeline can hold before its model: an explicit list (as the model registry is), each
// with its format tag, how it is fit and applied, and its widths where known, so a saved pipeline
// is checked step against step before anything is allocated.

import { StandardScaler } from "../data/preprocessing.js";
import { OneHotEncoder } from "../data/one_hot_encoder.js";
import { ColumnTransformer } from "../data/column_transformer.js";
import { HashingVectorizer } from "../features/hashing_vectorizer.js";
import { TfidfTransformer } from "../features/tfidf_transformer.js";
import { describe } from "../core/input.js";

/** A step of a Pipeline before its model. */
export type Transformer = StandardScaler | OneHotEncoder | ColumnTransformer | HashingVectorizer | TfidfTransformer;

/** Steps that read tables (rows of objects, cells of text): the Pipeline hands them the table it read. */
export type TableStep = OneHotEncoder | ColumnTransformer;

// Keys are string literals, not `OneHotEncoder.format`: a property read at module level would keep
// every step in an app that never imports a Pipeline (bundlers cannot prove the read pure).
const LOADERS: Record<string, (json: unknown) => Transformer> = {
  "wasmax/StandardScaler": (json) => StandardScaler.fromJSON(json),
  "wasmax/OneHotEncoder": (json) => OneHotEncoder.fromJSON(json),
  "wasmax/ColumnTransformer": (json) => ColumnTransformer.fromJSON(json),
  "wasmax/HashingVectorizer": (json) => HashingVectorizer.fromJSON(json),
  "wasmax/TfidfTransformer": (json) => TfidfTransformer.fromJSON(json),
};

/** True for a step a Pipeline can hold before its model. */
export function isTransformer(step: unknown): step is Transformer {
  return (
    step instanceof StandardScaler ||
    step instanceof OneHotEncoder ||
    step instanceof ColumnTransformer ||
    step instanceof HashingVectorizer ||
    step instanceof TfidfTransformer
  );
}

/** True for a step that reads tables. */
export function isTableStep(step: Transformer): step is TableStep {
  return step instanceof OneHotEncoder || step instanceof ColumnTransformer;
}

/** True for a step that reads texts (string[]): one text is not "one row". */
export function takesTexts(step: Transformer): boolean {
  return step instanceof HashingVectorizer;
}

/** The transformer saved as `json`, by its format tag; `where` starts any error. */
export function loadTransformer(where: string, json: unknown): Transformer {
  const format = (json as { format?: unknown } | null)?.format;
  const load = typeof format === "string" ? LOADERS[format] : undefined;
  if (!load)
    throw new TypeError(
      `${where}: format is ${JSON.stringify(format) ?? String(format)}, expected a model's or one of ${Object.keys(LOADERS).join(", ")}`,
    );
  try {
    return load(json);
  } catch (error) {
    (error as Error).message = `${where}: ${(error as Error).message}`;
    throw error;
  }
}

/** A fitted transformer's output width, or undefined where it depends on the input (a fitted TfidfTransformer keeps its input's). */
export function outputWidth(step: Transformer): number | undefined {
  if (step instanceof StandardScaler) return step.mean?.length;
  if (step instanceof OneHotEncoder || step instanceof ColumnTransformer) return step.nOutputs;
  if (step instanceof HashingVectorizer) return step.toJSON().options.nFeatures;
  return undefined;
}

/** A fitted transformer's input width, or undefined where any width goes (texts, or a TfidfTransformer). */
export function inputWidth(step: Transformer): number | undefined {
  if (step instanceof StandardScaler) return step.mean?.length;
  if (step instanceof OneHotEncoder) return step.categories?.length;
  if (step instanceof ColumnTransformer) return step.toJSON().nFeaturesIn;
  return undefined;
}

const NAMES: [new (...args: never[]) => object, string][] = [
  [StandardScaler, "StandardScaler"],
  [OneHotEncoder, "OneHotEncoder"],
  [ColumnTransformer, "ColumnTransformer"],
  [HashingVectorizer, "HashingVectorizer"],
  [TfidfTransformer, "TfidfTransformer"],
];

/** What a step is, for messages: "a StandardScaler", "a SoftmaxRegression" (class names do not survive bundlers). */
export function stepName(step: unknown): string {
  const model = (step as { constructor?: { modelName?: unknown } } | null)?.constructor?.modelName;
  if (typeof model === "string") return `a ${model}`;
  const known = NAMES.find(([C]) => step instanceof C);
  return known ? `a ${known[1]}` : describe(step);
}
