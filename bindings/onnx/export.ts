// toONNX: a fitted wasmax model as an ONNX graph of standard ai.onnx ops only.
//   X (float, N × D) → Gemm(transB = 1) [→ Relu | Tanh | Sigmoid] … → Gemm → Softmax | Sigmoid → probabilities
//   multi-class:  label  = ArgMax(probabilities, axis 1): int64 indices into metadata "wasmax.classes"
//   multi-label:  labels = GreaterOrEqual(probabilities, threshold): bool, N × K
// Weights are float32 as wasmax holds them, so onnxruntime computes the same function. No ZipMap:
// onnxruntime-node and -web cannot return its sequence-of-maps output.

import { MODELS, Pipeline, type AnyModel, type LayerInfo } from "../api.js";
import { checkOptions } from "../core/checks.js";
import { onnx, encodeModel } from "./proto.js";
import { floatTensor, node } from "./tensors.js";
import { ONNXError } from "./errors.js";
import { pipelineGraph, stepKind, type PipelineGraph } from "./pipeline_graph.js";

/** Options of {@link toONNX}. */
export interface ONNXExportOptions {
  /** The ai.onnx opset the graph declares, 13 … 21. @default 13 */
  opset?: number;
  /**
   * Extra metadata_props entries (feature names, provenance); the "wasmax.model", "wasmax.classes"
   * and "wasmax.form" keys are wasmax's own.
   * @default {}
   */
  metadata?: Record<string, string>;
}

const RESERVED = ["wasmax.model", "wasmax.classes", "wasmax.form", "wasmax.pipeline"];

/** The ONNX IR version that goes with each opset (onnx's versioning table). */
const IR_VERSION: Record<number, number> = { 13: 7, 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 9, 20: 9, 21: 10 };
/** The opsets toONNX writes. */
export const OPSETS: readonly number[] = Object.keys(IR_VERSION).map(Number);
const HIDDEN_OP: Record<LayerInfo["activation"], string | null> = {
  identity: null,
  relu: "Relu",
  tanh: "Tanh",
  logistic: "Sigmoid",
  softmax: "Softmax",
  sigmoid: "Sigmoid",
};

const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

/**
 * The ONNX bytes of a fitted wasmax model (any registered model: its layers make the graph), or of
 * a Pipeline (its data steps in front, pipeline_graph.ts says how; text steps cannot be exported).
 */
export function toONNX(model: AnyModel | Pipeline, options: ONNXExportOptions = {}): Uint8Array {
  const { opset = 13, metadata: extra = {} } = checkOptions("toONNX options", options, ["opset", "metadata"]);
  if (typeof extra !== "object" || extra === null || Array.isArray(extra))
    throw new TypeError("toONNX: metadata must be an object of strings");
  for (const [key, value] of Object.entries(extra)) {
    if (typeof value !== "string") throw new TypeError(`toONNX: metadata[${JSON.stringify(key)}] must be a string, got ${typeof value}`);
    if (RESERVED.includes(key)) throw new RangeError(`toONNX: metadata key ${JSON.stringify(key)} is wasmax's own`);
  }
  if (!Number.isInteger(opset) || !(opset in IR_VERSION))
    throw new RangeError(`toONNX: opset must be an integer from 13 to 21, got ${String(opset)}`);
  const pipeline = model instanceof Pipeline ? model : null;
  const served: AnyModel = pipeline ? pipeline.model : (model as AnyModel);
  const name = (served as { constructor?: { modelName?: unknown } } | null)?.constructor?.modelName;
  const names = MODELS.map((M) => M.modelName as string);
  if (typeof name !== "string" || !names.includes(name) || typeof served.layers !== "function") {
    throw new TypeError(
      `toONNX: expected a wasmax model (${names.join(", ")}) or a Pipeline, got ${model === null ? "null" : typeof model}`,
    );
  }
  const front: PipelineGraph | null = pipeline && pipelineGraph(pipeline);
  const layers = front?.layers ?? served.layers();
  const json = served.toJSON() as { classes: unknown[]; form?: string; options?: { threshold?: number } };
  const D = layers[0]!.inputs;
  const K = layers[layers.length - 1]!.outputs;
  const nodes: onnx.NodeProto.$Properties[] = [...(front?.nodes ?? [])];
  const initializer: onnx.TensorProto.$Properties[] = [...(front?.initializer ?? [])];
  let current = front?.output ?? "X";
  layers.forEach((layer, l) => {
    initializer.push(floatTensor(`W${l}`, [layer.outputs, layer.inputs], layer.weight), floatTensor(`B${l}`, [layer.outputs], layer.bias));
    const last = l === layers.length - 1;
    const gemm = last ? "logits" : `Z${l}`;
    nodes.push(node("Gemm", `gemm${l}`, [current, `W${l}`, `B${l}`], [gemm], [intAttribute("transB", 1)]));
    current = gemm;
    const op = HIDDEN_OP[layer.activation];
    if (op) {
      const out = last ? "probabilities" : `H${l}`;
      nodes.push(node(op, `${op.toLowerCase()}${l}`, [current], [out], op === "Softmax" ? [intAttribute("axis", 1)] : []));
      current = out;
    }
  });
  const multiClass = layers[layers.length - 1]!.activation === "softmax";
  const threshold = json.options?.threshold ?? 0.5;
  const labelOutput = multiClass ? valueInfo("label", DataType.INT64, ["N"]) : valueInfo("labels", DataType.BOOL, ["N", K]);
  if (multiClass) {
    nodes.push(node("ArgMax", "argmax", ["probabilities"], ["label"], [intAttribute("axis", 1), intAttribute("keepdims", 0)]));
  } else {
    initializer.push(floatTensor("threshold", [], Float32Array.of(threshold)));
    nodes.push(node("GreaterOrEqual", "threshold", ["probabilities", "threshold"], ["labels"]));
  }
  const metadata: Record<string, string> = { ...extra, "wasmax.model": name, "wasmax.classes": JSON.stringify(json.classes) };
  if (pipeline) {
    metadata["wasmax.pipeline"] = JSON.stringify(pipeline.steps.map(stepKind));
    if (pipeline.featureNames && extra["wasmax.featureNames"] === undefined)
      metadata["wasmax.featureNames"] = JSON.stringify(pipeline.featureNames);
  }
  const inputs = front?.inputs ?? [valueInfo("X", DataType.FLOAT, ["N", D])];
  const inner = new Set([...nodes.flatMap((n) => n.output ?? []), ...initializer.map((t) => t.name!)]);
  const clash = inputs.find((v) => inner.has(v.name!));
  if (clash)
    throw new ONNXError(`toONNX: the column ${JSON.stringify(clash.name)} has the name of a tensor of the graph; rename the column`);
  // What a multi-label model's predict answers in: label sets, or indicator rows (a model fitted on a 0/1 matrix).
  if (!multiClass) metadata["wasmax.form"] = json.form === "indicator" ? "indicator" : "sets";
  return encodeModel({
    irVersion: IR_VERSION[opset]!,
    opsetImport: [{ domain: "", version: opset }, ...(front?.usesML ? [{ domain: "ai.onnx.ml", version: 1 }] : [])],
    producerName: "wasmax",
    docString: multiClass
      ? `wasmax ${name}: probabilities (N × ${K}) and label (N), an index into the JSON array metadata_props["wasmax.classes"]`
      : `wasmax ${name}: probabilities (N × ${K}) and labels (N × ${K}, probability >= ${threshold}), ` +
        `columns in the order of metadata_props["wasmax.classes"]`,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: name,
      node: nodes,
      initializer,
      input: inputs,
      output: [valueInfo("probabilities", DataType.FLOAT, ["N", K]), labelOutput],
    },
  });
}

function intAttribute(name: string, i: number): onnx.AttributeProto.$Properties {
  return { name, type: AttributeType.INT, i };
}

/** A tensor's name, element type and shape; strings in `dims` are symbolic (the batch size). */
function valueInfo(name: string, elemType: number, dims: (number | string)[]): onnx.ValueInfoProto.$Properties {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
  };
}
