// Reads an ONNX graph as a chain of dense layers, the shape every wasmax model has:
//   X → (Gemm | MatMul [+ Add]) [→ Relu | Tanh | Sigmoid] → … → (Gemm | MatMul [+ Add]) [→ Softmax | Sigmoid]
// with Identity and Flatten passed through, weights from initializers or Constant nodes, and the
// label outputs wasmax writes (ArgMax, GreaterOrEqual on the probabilities) recognised. An
// ai.onnx.ml LinearClassifier is one layer whose post_transform is its head. Anything else is an
// ONNXError that names the node and op.

import { onnx, int64, type AttributeMessage, type GraphMessage, type NodeMessage, type TensorMessage } from "./proto.js";
import { readFloats, type FloatTensor } from "./tensors.js";
import { ONNXError } from "./errors.js";

export type Hidden = "identity" | "relu" | "tanh" | "logistic";
export type Head = "softmax" | "sigmoid" | "logits";

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major outputs × inputs. */
  weight: Float32Array;
  bias: Float32Array;
  /** What follows the layer; the last layer's is the chain's head. */
  activation: Hidden | Head;
}

export interface DenseChain {
  layers: DenseLayer[];
  /** Class labels the graph itself names (LinearClassifier's classlabels_*), else null. */
  classes: (string | number)[] | null;
  /** The threshold of a GreaterOrEqual / Greater label output, else null. */
  threshold: number | null;
}

const SUPPORTED =
  "Gemm, MatMul, Add, Relu, Tanh, Sigmoid, Softmax, Flatten, Identity, Constant, ArgMax, GreaterOrEqual and ai.onnx.ml LinearClassifier";
const ACTIVATION: Record<string, Hidden | "softmax" | "sigmoid"> = { Relu: "relu", Tanh: "tanh", Sigmoid: "sigmoid", Softmax: "softmax" };

/** The dense chain of `graph`, or an ONNXError naming what does not fit. */
export function readChain(graph: GraphMessage): DenseChain {
  const constants = new Map<string, TensorMessage>();
  for (const t of graph.initializer ?? []) constants.set(t.name ?? "", t);
  // Each tensor is decoded once, and a weight serves one layer: the work and memory of reading a
  // graph stay proportional to its file, however many nodes name the same tensor.
  const decoded = new Map<TensorMessage, FloatTensor>();
  const weights = new Set<TensorMessage>();
  const inputs = (graph.input ?? []).filter((v) => !constants.has(v.name ?? ""));
  if (inputs.length !== 1)
    throw new ONNXError(
      `the graph has ${inputs.length} inputs (${inputs.map((v) => v.name).join(", ")}); wasmax models take one, the feature matrix`,
    );
  const elemType = inputs[0]!.type?.tensorType?.elemType;
  if (elemType !== onnx.TensorProto.DataType.FLOAT) {
    throw new ONNXError(
      `the graph's input "${inputs[0]!.name}" is of type ${onnx.TensorProto.DataType[elemType ?? 0] ?? elemType}; ` +
        "wasmax models take FLOAT features",
    );
  }

  const dims = inputs[0]!.type?.tensorType?.shape?.dim ?? [];
  // The declared number of features, when the input names one (a symbolic or absent width is null).
  const declaredWidth = dims.length === 2 && dims[1]!.value === "dimValue" ? int64(dims[1]!.dimValue) : null;
  const layers: DenseLayer[] = [];
  let current = inputs[0]!.name ?? "";
  let classes: (string | number)[] | null = null;
  let threshold: number | null = null;
  /** True right after a MatMul, whose bias may come as the next Add. */
  let biasOpen = false;
  let final = false;

  (graph.node ?? []).forEach((n, index) => {
    const where = `${n.domain ? `${n.domain}.` : ""}${n.opType}${n.name ? ` '${n.name}'` : ""} (node ${index})`;
    const fail = (message: string): never => {
      throw new ONNXError(message, where);
    };
    const input = n.input ?? [];
    const output = n.output ?? [];
    const tensor = (name: string | undefined, what: string): FloatTensor => {
      const t = constants.get(name ?? "");
      if (!t) fail(`its ${what} "${name}" is computed in the graph; wasmax imports weights stored as initializers or Constant nodes`);
      if (what === "weight") {
        if (weights.has(t!)) fail(`its weight "${name}" is an earlier layer's weight too; wasmax imports layers with weights of their own`);
        weights.add(t!);
      }
      const read = decoded.get(t!) ?? readFloats(t!, `${what} "${name}"`, fail);
      decoded.set(t!, read);
      return read;
    };
    const onChain = () => {
      if (input[0] !== current)
        fail(`reads "${input[0]}" where the chain of layers is at "${current}"; wasmax imports one chain of dense layers`);
      if (final) fail("follows the output layer's activation; nothing but the label output may");
    };
    const last = (): DenseLayer => {
      const layer = layers[layers.length - 1] ?? fail("comes before any Gemm or MatMul layer");
      if (layer.activation !== "logits") fail(`follows an activation (${layer.activation}) without a dense layer in between`);
      return layer;
    };
    const op = n.domain === "ai.onnx.ml" ? `ml.${n.opType}` : n.domain ? `${n.domain}.${n.opType}` : (n.opType ?? "");
    const wasBiasOpen = biasOpen;
    biasOpen = false;

    switch (op) {
      case "Identity":
      case "Flatten":
        onChain();
        if (op === "Flatten" && attribute(n, "axis", 1) !== 1)
          fail(`axis ${attribute(n, "axis", 1)} would not keep rows as examples; wasmax imports Flatten with axis 1`);
        current = output[0]!;
        return;
      case "Constant": {
        const value = (n.attribute ?? []).find((a) => a.name === "value")?.t;
        if (!value) fail("holds no tensor 'value'; wasmax reads Constant nodes of float tensors");
        constants.set(output[0]!, value!);
        return;
      }
      case "Gemm": {
        onChain();
        if (attribute(n, "transA", 0) !== 0) fail("transA = 1 would multiply the transposed features");
        const b = tensor(input[1], "weight");
        if (b.dims.length !== 2) fail(`its weight has dims [${b.dims.join(", ")}], expected a matrix`);
        const transB = attribute(n, "transB", 0) === 1;
        const alpha = attribute(n, "alpha", 1);
        const beta = attribute(n, "beta", 1);
        const [outputs, ins] = transB ? [b.dims[0]!, b.dims[1]!] : [b.dims[1]!, b.dims[0]!];
        const weight = transB ? b.values.slice() : transpose(b.values, ins, outputs);
        if (alpha !== 1) weight.forEach((v, i) => (weight[i] = alpha * v));
        const scaled = weight.findIndex((v) => !Number.isFinite(v));
        if (scaled >= 0) fail(`alpha ${alpha} times its weight's value ${scaled} is ${weight[scaled]}, expected a finite float32`);
        const bias = new Float32Array(outputs);
        if (input[2]) addBias(bias, tensor(input[2], "bias"), beta, fail);
        push(layers, { inputs: ins, outputs, weight, bias, activation: "logits" }, declaredWidth, fail);
        current = output[0]!;
        return;
      }
      case "MatMul": {
        onChain();
        const b = tensor(input[1], "weight");
        if (b.dims.length !== 2) fail(`its weight has dims [${b.dims.join(", ")}], expected a matrix`);
        const [ins, outputs] = [b.dims[0]!, b.dims[1]!];
        push(
          layers,
          { inputs: ins, outputs, weight: transpose(b.values, ins, outputs), bias: new Float32Array(outputs), activation: "logits" },
          declaredWidth,
          fail,
        );
        current = output[0]!;
        biasOpen = true;
        return;
      }
      case "Add": {
        const other =
          input[0] === current
            ? input[1]
            : input[1] === current
              ? input[0]
              : fail(`adds "${input.join('" and "')}", neither of which is the chain's "${current}"`);
        if (!wasBiasOpen) fail("adds to something that is not a MatMul's output; wasmax imports Add only as a MatMul's bias");
        addBias(layers[layers.length - 1]!.bias, tensor(other, "bias"), 1, fail);
        current = output[0]!;
        return;
      }
      case "Relu":
      case "Tanh":
      case "Sigmoid":
      case "Softmax": {
        onChain();
        const layer = last();
        if (op === "Softmax") {
          const axis = attribute(n, "axis", -1);
          if (axis !== -1 && axis !== 1) fail(`axis ${axis}: wasmax imports a Softmax over the classes (axis 1 or -1)`);
          final = true;
        }
        layer.activation = ACTIVATION[op]!;
        current = output[0]!;
        return;
      }
      case "ml.LinearClassifier": {
        onChain();
        if (layers.length > 0) fail("follows other layers; wasmax imports a LinearClassifier as the whole model");
        const line = linearClassifier(n, declaredWidth, fail);
        layers.push(line.layer);
        classes = line.classes;
        current = output[1] ?? fail("has no scores output");
        final = line.layer.activation !== "logits";
        return;
      }
      case "ArgMax":
      case "GreaterOrEqual":
      case "Greater":
        if (input[0] !== current) fail(`reads "${input[0]}", not the model's output "${current}"`);
        if (op === "ArgMax") {
          const axis = attribute(n, "axis", 0);
          if (axis !== 1 && axis !== -1) fail(`axis ${axis}: a label output takes the arg max over the classes (axis 1)`);
        } else {
          const t = tensor(input[1], "threshold");
          if (t.values.length !== 1) fail(`its threshold has ${t.values.length} values, expected one`);
          threshold = t.values[0]!;
        }
        return;
      case "ml.ZipMap":
        return fail(
          "ZipMap's output (a sequence of maps) is not a tensor; export the model without it " +
            "(skl2onnx: options={id(model): {'zipmap': False}})",
        );
      default:
        return fail(`op "${op.replace(/^ml\./, "ai.onnx.ml.")}" is not supported; wasmax imports ${SUPPORTED}`);
    }
  });

  if (layers.length === 0)
    throw new ONNXError(`the graph holds no dense layer (Gemm, MatMul or LinearClassifier); wasmax imports ${SUPPORTED}`);
  const end = layers[layers.length - 1]!.activation;
  if (end !== "logits" && end !== "softmax" && end !== "sigmoid")
    throw new ONNXError(
      `the graph ends in ${end === "relu" ? "Relu" : "Tanh"}, not in class scores; ` +
        "wasmax imports graphs that end in a dense layer, Softmax or Sigmoid",
    );
  const outputs = (graph.output ?? []).map((v) => v.name);
  if (!outputs.includes(current))
    throw new ONNXError(`the graph's outputs (${outputs.join(", ")}) do not include the end of its chain of layers, "${current}"`);
  return { layers, classes, threshold };
}

/** An int or float attribute's value, or `fallback` when the node has none. */
function attribute(n: NodeMessage, name: string, fallback: number): number {
  const a: AttributeMessage | undefined = (n.attribute ?? []).find((x) => x.name === name);
  if (!a) return fallback;
  return a.type === onnx.AttributeProto.AttributeType.FLOAT ? (a.f ?? fallback) : int64(a.i);
}

function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}

/** bias += beta · t, t broadcast from a scalar, [outputs] or [1, outputs]. */
function addBias(bias: Float32Array, t: FloatTensor, beta: number, fail: (m: string) => never): void {
  const n = t.values.length;
  const rowShaped = t.dims.length <= 1 || (t.dims.length === 2 && t.dims[0] === 1);
  if (!rowShaped || (n !== bias.length && n !== 1)) fail(`its bias has dims [${t.dims.join(", ")}], expected [${bias.length}] or a scalar`);
  for (let k = 0; k < bias.length; k++) bias[k] = bias[k]! + beta * t.values[n === 1 ? 0 : k]!;
  const bad = bias.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(`its bias ${bad} comes to ${bias[bad]} (beta ${beta}), expected a finite float32`);
}

/** Appends a dense layer; the first must take the graph input's declared width (`features`, when it declares one). */
function push(layers: DenseLayer[], layer: DenseLayer, features: number | null, fail: (m: string) => never): void {
  const previous = layers[layers.length - 1];
  if (!previous && features !== null && layer.inputs !== features)
    fail(`takes ${layer.inputs} inputs but the graph's input declares ${features} features`);
  if (previous && previous.outputs !== layer.inputs) fail(`takes ${layer.inputs} inputs but the layer before gives ${previous.outputs}`);
  // A hidden layer's activation: none is identity, and Sigmoid is scikit-learn's "logistic".
  if (previous?.activation === "logits") previous.activation = "identity";
  if (previous?.activation === "sigmoid") previous.activation = "logistic";
  layers.push(layer);
}

const POST_TRANSFORM: Record<string, Head> = { NONE: "logits", SOFTMAX: "softmax", LOGISTIC: "sigmoid" };

/**
 * ai.onnx.ml LinearClassifier: scores = X · coefficientsᵀ + intercepts, then post_transform. A
 * binary model stored as rows −w, w with LOGISTIC (σ(−z), σ(z), how skl2onnx writes a binary
 * LogisticRegression) is the softmax of ±z/2, so it becomes a two-class softmax layer.
 * `features` is the graph input's declared width, when it has one.
 */
function linearClassifier(
  n: NodeMessage,
  features: number | null,
  fail: (m: string) => never,
): { layer: DenseLayer; classes: (string | number)[] } {
  const attrs = new Map((n.attribute ?? []).map((a) => [a.name ?? "", a]));
  const decoder = new TextDecoder();
  const ints = attrs.get("classlabels_ints")?.ints ?? [];
  const strings = attrs.get("classlabels_strings")?.strings ?? [];
  const classes: (string | number)[] = ints.length > 0 ? ints.map(int64) : strings.map((s) => decoder.decode(s));
  const K = classes.length;
  if (K === 0) fail("has no classlabels_ints or classlabels_strings");
  if (new Set(classes).size !== K) fail(`names a class twice in its ${K} class labels`);
  const coefficients = Float32Array.from(attrs.get("coefficients")?.floats ?? []);
  if (coefficients.length === 0 || coefficients.length % K !== 0)
    fail(`has ${coefficients.length} coefficients, not a multiple of its ${K} classes (wasmax imports one row of coefficients per class)`);
  const D = coefficients.length / K;
  if (features !== null && D !== features)
    fail(`has ${coefficients.length} coefficients: ${K} classes × ${D}, but the input has ${features} features`);
  const intercepts = Float32Array.from(attrs.get("intercepts")?.floats ?? new Array<number>(K).fill(0));
  if (intercepts.length !== K) fail(`has ${intercepts.length} intercepts for ${K} classes`);
  const transform = decoder.decode(attrs.get("post_transform")?.s ?? new TextEncoder().encode("NONE"));
  const head = POST_TRANSFORM[transform] ?? fail(`post_transform ${transform} is not supported (NONE, SOFTMAX or LOGISTIC)`);
  for (const [i, v] of [...coefficients, ...intercepts].entries()) if (!Number.isFinite(v)) fail(`coefficient or intercept ${i} is ${v}`);
  const opposite = K === 2 && intercepts[0] === -intercepts[1]! && coefficients.subarray(0, D).every((w, j) => w === -coefficients[D + j]!);
  if (head === "sigmoid" && opposite) {
    return {
      layer: { inputs: D, outputs: K, weight: coefficients.map((w) => w / 2), bias: intercepts.map((b) => b / 2), activation: "softmax" },
      classes,
    };
  }
  return { layer: { inputs: D, outputs: K, weight: coefficients, bias: intercepts, activation: head }, classes };
}
