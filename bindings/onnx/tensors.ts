// Dense tensors in and out of ONNX TensorProto. Written: float32 as raw_data (little-endian, the
// layout ONNX specifies). Read: float32 and float64 from raw_data or the typed repeated fields,
// converted to float32 (wasmax's precision); external data is refused. Also the graph node builder
// the exporters share.

import { onnx, int64, type TensorMessage } from "./proto.js";
import { ONNXError } from "./errors.js";

const { DataType, DataLocation } = onnx.TensorProto;

/** A tensor's shape and its values as float32, row-major. */
export interface FloatTensor {
  dims: number[];
  values: Float32Array;
}

/** A float32 TensorProto named `name`. */
export function floatTensor(name: string, dims: readonly number[], values: Float32Array): onnx.TensorProto.$Properties {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims: [...dims], dataType: DataType.FLOAT, rawData: raw };
}

/**
 * The values of a float or double tensor; `where` names it in errors, which `fail` raises (with
 * the node's name when the caller has one). Every dimension must be a positive integer, and their
 * product must equal the number of values the file holds, checked before anything is allocated:
 * a tensor of a few bytes cannot declare a billion values and make the reader allocate them.
 */
export function readFloats(tensor: TensorMessage, where: string, fail: (message: string) => never = raise): FloatTensor {
  const dims = (tensor.dims ?? []).map(int64);
  const shape = `[${dims.join(", ")}]`;
  const bad = dims.find((d) => !Number.isSafeInteger(d) || d < 1);
  if (bad !== undefined) fail(`${where} has dims ${shape}; every dimension must be an integer from 1 to 2^53 − 1, got ${bad}`);
  if (tensor.dataLocation === DataLocation.EXTERNAL) {
    fail(
      `${where} keeps its values in an external file; save the model as one file ` +
        "(onnx.save_model(model, path, save_as_external_data=False))",
    );
  }
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
  const double = tensor.dataType === DataType.DOUBLE;
  if (tensor.dataType !== DataType.FLOAT && !double)
    fail(`${where} is of type ${DataType[tensor.dataType ?? 0] ?? tensor.dataType}, expected FLOAT or DOUBLE`);
  const size = double ? 8 : 4;
  if (raw && raw.length % size !== 0) fail(`${where}: raw_data holds ${raw.length} bytes, not a whole number of float${size * 8} values`);
  const present = raw ? raw.length / size : double ? (tensor.doubleData ?? []).length : (tensor.floatData ?? []).length;
  // The product may exceed 2^53 (or overflow to Infinity): compared as a double, it still differs from `present`.
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== present) fail(`${where} has dims ${shape} (${count} values) but holds ${present}`);
  let values: Float32Array;
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = double ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
  } else {
    values = Float32Array.from(double ? tensor.doubleData! : tensor.floatData!);
  }
  const nonFinite = values.findIndex((v) => !Number.isFinite(v));
  if (nonFinite >= 0) fail(`${where}[${nonFinite}] is ${values[nonFinite]}, expected a finite float32`);
  return { dims, values };
}

function raise(message: string): never {
  throw new ONNXError(message);
}

/** A graph node: `opType` reading `input` tensors into `output` ones, with its attributes. */
export function node(
  opType: string,
  name: string,
  input: string[],
  output: string[],
  attribute: onnx.AttributeProto.$Properties[] = [],
): onnx.NodeProto.$Properties {
  return { opType, name, input, output, attribute };
}
