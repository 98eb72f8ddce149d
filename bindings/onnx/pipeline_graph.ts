// The data steps of a Pipeline as ONNX nodes in front of its model's layers (export.ts):
//   StandardScaler right before the model  folded into the first layer: W/σ and b − W·(μ/σ), in
//                                          float64 (as the CLI's export does), so the graph is the model's
//   StandardScaler elsewhere               Sub(μ) then Div(σ)
//   OneHotEncoder / ColumnTransformer      first step only: the graph takes one input per column it
//                                          uses, named by the column ([N, 1]: string for text
//                                          categories, float otherwise); each category column goes
//                                          through ai.onnx.ml OneHotEncoder (zeros = 1 for handleUnknown
//                                          "ignore", 0 for "error": onnxruntime then fails on an unknown
//                                          category, as predict does), Flatten, and Gather without the
//                                          dropped category; scaled and passed-through columns are
//                                          Concat, Sub, Div; the parts Concat in the step's order.
// Numeric categories export as cats_int64s, so they must be integers. HashingVectorizer and
// TfidfTransformer have no standard ONNX op (token hashing lives in onnxruntime-extensions, outside
// ai.onnx): a pipeline holding one is refused with an ONNXError saying so.

import { ColumnTransformer, OneHotEncoder, StandardScaler, type LayerInfo, type Pipeline } from "../api.js";
import { ONNXError } from "./errors.js";
import { onnx } from "./proto.js";
import { floatTensor, node } from "./tensors.js";

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

/** The graph in front of the model's layers: its inputs, nodes and initializers, and the float [N, D] tensor the first layer reads. */
export interface PipelineGraph {
  inputs: onnx.ValueInfoProto.$Properties[];
  nodes: onnx.NodeProto.$Properties[];
  initializer: onnx.TensorProto.$Properties[];
  /** The tensor the first layer reads. */
  output: string;
  /** The model's layers, the first with a scaler folded in where one precedes the model. */
  layers: LayerInfo[];
  /** Whether a node of ai.onnx.ml is used (the graph then imports that domain). */
  usesML: boolean;
}

/** One column of the graph's input: its name and element type. */
interface Column {
  name: string;
  text: boolean;
}

/** The pipeline's data steps as nodes, and its model's layers (a scaler right before the model folded in). */
export function pipelineGraph(pipeline: Pipeline): PipelineGraph {
  const steps = pipeline.steps.slice(0, -1);
  const layers = pipeline.model.layers();
  const g: PipelineGraph = { inputs: [], nodes: [], initializer: [], output: "X", layers, usesML: false };
  const names = pipeline.featureNames;
  steps.forEach((step, i) => {
    const where = `toONNX: steps[${i}]`;
    if (step instanceof OneHotEncoder || step instanceof ColumnTransformer) {
      if (i > 0) throw new ONNXError(`${where}: a ${stepKind(step)} exports only as the first step, where the graph's columns come in`);
      g.output = step instanceof OneHotEncoder ? encoderNodes(g, step, names ?? step.featureNamesIn) : columnNodes(g, step, names);
      return;
    }
    if (step instanceof StandardScaler) {
      const { mean, scale } = step.toJSON();
      if (i === 0) g.inputs.push(floatInput("X", mean.length));
      if (i === steps.length - 1) g.layers = [foldScaler(layers[0]!, mean, scale), ...layers.slice(1)];
      else g.output = scaleNodes(g, g.output, mean, scale, `scaler${i}`);
      return;
    }
    throw new ONNXError(
      `${where}: a ${stepKind(step)} cannot be exported: ONNX's standard ops have no token hashing or tf-idf ` +
        "(onnxruntime-extensions has them, outside ai.onnx); export the model alone and vectorize the texts before the graph",
    );
  });
  if (g.inputs.length === 0) g.inputs.push(floatInput("X", layers[0]!.inputs));
  return g;
}

/** W·((x − μ)/σ) + b = (W/σ)·x + (b − W·(μ/σ)), computed in float64. */
function foldScaler(first: LayerInfo, mean: number[], scale: number[]): LayerInfo {
  const D = first.inputs;
  const weight = first.weight.map((w, i) => w / scale[i % D]!);
  const bias = first.bias.map(
    (b, k) => b - first.weight.subarray(k * D, (k + 1) * D).reduce((s, w, j) => s + (w * mean[j]!) / scale[j]!, 0),
  );
  return { ...first, weight, bias };
}

/** Sub(μ), Div(σ) on `input`; the output's name. */
function scaleNodes(g: PipelineGraph, input: string, mean: number[], scale: number[], name: string): string {
  g.initializer.push(floatTensor(`${name}_mean`, [mean.length], Float32Array.from(mean)));
  g.initializer.push(floatTensor(`${name}_scale`, [scale.length], Float32Array.from(scale)));
  g.nodes.push(node("Sub", `${name}_sub`, [input, `${name}_mean`], [`${name}_centred`]));
  g.nodes.push(node("Div", `${name}_div`, [`${name}_centred`, `${name}_scale`], [`${name}_out`]));
  return `${name}_out`;
}

/** A OneHotEncoder over every input column. */
function encoderNodes(g: PipelineGraph, encoder: OneHotEncoder, names: string[] | null): string {
  const categories = encoder.categories!;
  const columns = categories.map((c, j) => ({ name: names?.[j] ?? `x${j}`, text: typeof c[0] === "string" }));
  columns.forEach((c) => g.inputs.push(columnInput(c)));
  const parts = categories.map((_, j) => oneHot(g, columns[j]!.name, encoder, j, `onehot${j}`)).filter((p) => p !== null);
  return concat(g, parts, "onehot");
}

/** A ColumnTransformer: its entries' parts side by side. */
function columnNodes(g: PipelineGraph, ct: ColumnTransformer, names: string[] | null): string {
  const saved = ct.toJSON();
  const column = (c: number) => names?.[c] ?? saved.featureNamesIn?.[c] ?? `x${c}`;
  const used = new Map<number, Column>();
  const parts: string[] = [];
  const numbers = (columns: number[], name: string): string => {
    for (const c of columns) used.set(c, { name: column(c), text: false });
    return concat(
      g,
      columns.map((c) => column(c)),
      name,
    );
  };
  saved.transformers.forEach(({ step, columns }, e) => {
    const id = `entry${e}`;
    if (step === "drop") return;
    if (step === "passthrough") return void parts.push(numbers(columns, id));
    if (step.format !== OneHotEncoder.format) {
      const { mean, scale } = step as ReturnType<StandardScaler["toJSON"]>;
      return void parts.push(scaleNodes(g, numbers(columns, id), mean, scale, id));
    }
    const encoder = OneHotEncoder.fromJSON(step);
    columns.forEach((c, j) => {
      used.set(c, { name: column(c), text: typeof encoder.categories![j]![0] === "string" });
      const part = oneHot(g, column(c), encoder, j, `${id}_${j}`);
      if (part) parts.push(part);
    });
  });
  if (saved.remainder === "passthrough") {
    const taken = new Set(saved.transformers.flatMap((t) => t.columns));
    const rest = Array.from({ length: saved.nFeaturesIn }, (_, c) => c).filter((c) => !taken.has(c));
    if (rest.length) parts.push(numbers(rest, "remainder"));
  }
  [...used.entries()].sort((a, b) => a[0] - b[0]).forEach(([, c]) => g.inputs.push(columnInput(c)));
  return concat(g, parts, "columns");
}

/** ai.onnx.ml OneHotEncoder of one column, flattened to [N, C], the dropped category gathered out; null when nothing is left. */
function oneHot(g: PipelineGraph, input: string, encoder: OneHotEncoder, j: number, name: string): string | null {
  const categories = encoder.categories![j]!;
  const drop = encoder.dropIndex![j] ?? null;
  if (drop !== null && categories.length === 1) return null;
  const text = typeof categories[0] === "string";
  if (!text && !categories.every((v) => Number.isInteger(v)))
    throw new ONNXError(
      `toONNX: column ${JSON.stringify(input)} has non-integer numeric categories; ONNX's OneHotEncoder takes int64 ones`,
    );
  const values = text
    ? { name: "cats_strings", type: AttributeType.STRINGS, strings: categories.map((c) => new TextEncoder().encode(String(c))) }
    : { name: "cats_int64s", type: AttributeType.INTS, ints: categories as number[] };
  const zeros = { name: "zeros", type: AttributeType.INT, i: encoder.options.handleUnknown === "ignore" ? 1 : 0 };
  g.usesML = true;
  g.nodes.push({ opType: "OneHotEncoder", domain: "ai.onnx.ml", name, input: [input], output: [`${name}_3d`], attribute: [values, zeros] });
  g.nodes.push(node("Flatten", `${name}_flat`, [`${name}_3d`], [`${name}_2d`], [{ name: "axis", type: AttributeType.INT, i: 1 }]));
  if (drop === null) return `${name}_2d`;
  const kept = categories.map((_, k) => k).filter((k) => k !== drop);
  g.initializer.push({ name: `${name}_kept`, dims: [kept.length], dataType: DataType.INT64, int64Data: kept });
  g.nodes.push(
    node("Gather", `${name}_gather`, [`${name}_2d`, `${name}_kept`], [`${name}_out`], [{ name: "axis", type: AttributeType.INT, i: 1 }]),
  );
  return `${name}_out`;
}

/** The tensors side by side (axis 1); one tensor is its own result. */
function concat(g: PipelineGraph, parts: string[], name: string): string {
  if (parts.length === 0) throw new ONNXError("toONNX: the pipeline's first step passes no column to the model");
  if (parts.length === 1) return parts[0]!;
  g.nodes.push(node("Concat", `${name}_concat`, parts, [`${name}_all`], [{ name: "axis", type: AttributeType.INT, i: 1 }]));
  return `${name}_all`;
}

function columnInput(c: Column): onnx.ValueInfoProto.$Properties {
  return valueInfo(c.name, c.text ? DataType.STRING : DataType.FLOAT, ["N", 1]);
}

function floatInput(name: string, D: number): onnx.ValueInfoProto.$Properties {
  return valueInfo(name, DataType.FLOAT, ["N", D]);
}

function valueInfo(name: string, elemType: number, dims: (number | string)[]): onnx.ValueInfoProto.$Properties {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/** A step's class name, from its saved form's format tag (class names do not survive bundlers). */
export function stepKind(step: { toJSON(): unknown }): string {
  return String((step.toJSON() as { format: string }).format).replace("wasmax/", "");
}
