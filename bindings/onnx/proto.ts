// The ONNX protobuf messages, encoded and decoded by the static code protobufjs-cli generated from
// upstream's onnx.proto (proto/; scripts/gen-onnx-proto.js). Decoding failures become ONNXError.

import { onnx } from "./proto/onnx_pb.js";
import { ONNXError } from "./errors.js";

export { onnx };
export type ModelMessage = ReturnType<typeof onnx.ModelProto.decode>;
export type GraphMessage = onnx.GraphProto.$Properties;
export type NodeMessage = onnx.NodeProto.$Properties;
export type TensorMessage = onnx.TensorProto.$Properties;
export type AttributeMessage = onnx.AttributeProto.$Properties;

/** protobufjs gives int64 fields as numbers, or as Long objects where long.js is loaded. */
export function int64(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : value.toNumber();
}

/** The ModelProto in `bytes`; an ONNXError when they are not one (truncated, another format, empty). */
export function decodeModel(bytes: Uint8Array): ModelMessage {
  if (bytes.length === 0) throw new ONNXError("the ONNX bytes are empty");
  let model: ModelMessage;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ONNXError(`not an ONNX model, or a truncated one (${bytes.length} bytes): ${(error as Error).message}`);
  }
  if (!model.graph) throw new ONNXError(`not an ONNX model: the ${bytes.length} bytes decode to no graph`);
  if (int64(model.irVersion) < 1) throw new ONNXError("not an ONNX model: ir_version is missing");
  return model;
}

/**
 * The bytes of a ModelProto, in a Uint8Array that owns its ArrayBuffer (byteOffset 0, exactly its
 * length). protobufjs's writer gives a Node Buffer, which may be a view into Node's shared 8 KiB
 * pool: sending its `.buffer` would send whatever else the process keeps there.
 */
export function encodeModel(model: onnx.ModelProto.$Properties): Uint8Array {
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}
