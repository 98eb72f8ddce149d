// The consistency a fastText model needs between its parts, checked by the reader (FastTextError) and the
// writer (RangeError): every input row the dictionary can produce exists, every label has an output row,
// both matrices have dim columns, and a pruned dictionary comes with a quantized input.

import type { FastTextArgs } from "../features/fasttext_args.js";
import type { FastTextDictionaryData } from "../features/fasttext_dictionary.js";
import type { FastTextMatrix } from "./file_data.js";

/** The first inconsistency as [field, message], or undefined. */
export function shapeProblem(
  args: FastTextArgs,
  d: FastTextDictionaryData,
  input: FastTextMatrix,
  output: FastTextMatrix,
): [string, string] | undefined {
  const kept = d.pruneidx === null ? args.bucket : d.pruneidx.length / 2;
  if (input.rows !== d.nwords + kept) {
    const why = d.pruneidx === null ? `nwords ${d.nwords} + bucket ${args.bucket}` : `nwords ${d.nwords} + ${kept} kept n-grams`;
    return ["input matrix rows", `${input.rows}, expected ${why} = ${d.nwords + kept}`];
  }
  if (input.cols !== args.dim) return ["input matrix cols", `${input.cols} is not dim ${args.dim}`];
  if (output.rows !== d.nlabels) return ["output matrix rows", `${output.rows} is not nlabels ${d.nlabels}`];
  if (output.cols !== args.dim) return ["output matrix cols", `${output.cols} is not dim ${args.dim}`];
  if (d.pruneidx !== null && input.kind !== "quantized") {
    return ["quantized-input flag", "a pruned dictionary needs a quantized input matrix (fastText refuses such a file)"];
  }
  if (output.kind === "quantized" && (input.kind !== "quantized" || !args.qout)) {
    return ["qout flag", "a quantized output matrix needs a quantized input matrix and qout"];
  }
  return undefined;
}
