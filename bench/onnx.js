// onnxruntime contenders: small ONNX graphs built here (opset 13) with the protobuf code wasmax/onnx
// uses (bindings/onnx/proto, generated from upstream's onnx.proto), run by
// onnxruntime-node (native CPU) and onnxruntime-web (wasm, SIMD) in Node.
//   softmax:       P = Softmax(Z, axis = -1)
//   log-softmax:   L = LogSoftmax(Z, axis = -1)
//   cross-entropy: loss = SoftmaxCrossEntropyLoss(Z, labels, mean), grad = (Softmax(Z) − Y) / N,
//                  Y the one-hot labels given as an input, as TF.js is given them.

import { onnx } from "../bindings/onnx/proto/onnx_pb.js";
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

const valueInfo = (name, elemType, dims) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
});
const node = (opType, input, output, attribute = []) => ({ opType, input, output, attribute });
const intAttribute = (name, i) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const stringAttribute = (name, s) => ({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) });

function model(nodes, inputs, outputs, initializer = []) {
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "wasmax-bench",
    graph: { name: "g", node: nodes, input: inputs, output: outputs, initializer },
  }).finish();
}

export function softmaxModel(K) {
  return model(
    [node("Softmax", ["Z"], ["P"], [intAttribute("axis", -1)])],
    [valueInfo("Z", FLOAT, ["N", K])],
    [valueInfo("P", FLOAT, ["N", K])],
  );
}

export function logSoftmaxModel(K) {
  return model(
    [node("LogSoftmax", ["Z"], ["L"], [intAttribute("axis", -1)])],
    [valueInfo("Z", FLOAT, ["N", K])],
    [valueInfo("L", FLOAT, ["N", K])],
  );
}

export function crossEntropyModel(N, K) {
  const scale = { name: "invN", dataType: FLOAT, dims: [], floatData: [1 / N] };
  return model(
    [
      node("SoftmaxCrossEntropyLoss", ["Z", "labels"], ["loss"], [stringAttribute("reduction", "mean")]),
      node("Softmax", ["Z"], ["P"], [intAttribute("axis", -1)]),
      node("Sub", ["P", "Y"], ["D"]),
      node("Mul", ["D", "invN"], ["grad"]),
    ],
    [valueInfo("Z", FLOAT, [N, K]), valueInfo("labels", INT64, [N]), valueInfo("Y", FLOAT, [N, K])],
    [valueInfo("loss", FLOAT, []), valueInfo("grad", FLOAT, [N, K])],
    [scale],
  );
}

// One thread each, like TF.js's wasm backend in Node and like wasmax.
ortWeb.env.wasm.numThreads = 1;
const SESSION = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" };

export const runtimes = { "onnxruntime-node": ortNode, "onnxruntime-web": ortWeb };

/** A session of `ort` for the model bytes. */
export function session(ort, bytes) {
  return ort.InferenceSession.create(bytes, SESSION);
}
