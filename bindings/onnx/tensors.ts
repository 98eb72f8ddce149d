// Dense tensors in and out of ONNX TensorProto. Written: float32 as raw_data (little-endian, the
// layout ONNX specifies). Read: float32 and float64 from raw_data or the typed repeated fields,
// converted to float32 (wasmax's precision); external data is refused.

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

/** The values of a float or double tensor; `where` names it in errors. */
export function readFloats(tensor: TensorMessage, where: string): FloatTensor {
  const dims = (tensor.dims ?? []).map(int64);
  const count = dims.reduce((a, b) => a * b, 1);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw new ONNXError(`${where} has dims [${dims.join(", ")}]`);
  if (tensor.dataLocation === DataLocation.EXTERNAL) {
    throw new ONNXError(
      `${where} keeps its values in an external file; save the model as one file (onnx.save_model(model, path, save_as_external_data=False))`,
    );
  }
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : null;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : null;
  let values: Float32Array;
  if (tensor.dataType === DataType.FLOAT) {
    values = view
      ? Float32Array.from({ length: raw!.length / 4 }, (_, i) => view.getFloat32(i * 4, true))
      : Float32Array.from(tensor.floatData ?? []);
    if (raw && raw.length % 4 !== 0)
      throw new ONNXError(`${where}: raw_data holds ${raw.length} bytes, not a whole number of float32 values`);
  } else if (tensor.dataType === DataType.DOUBLE) {
    values = view
      ? Float32Array.from({ length: raw!.length / 8 }, (_, i) => view.getFloat64(i * 8, true))
      : Float32Array.from(tensor.doubleData ?? []);
    if (raw && raw.length % 8 !== 0)
      throw new ONNXError(`${where}: raw_data holds ${raw.length} bytes, not a whole number of float64 values`);
  } else {
    throw new ONNXError(`${where} is of type ${DataType[tensor.dataType ?? 0] ?? tensor.dataType}, expected FLOAT or DOUBLE`);
  }
  if (values.length !== count) throw new ONNXError(`${where} has dims [${dims.join(", ")}] (${count} values) but holds ${values.length}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ONNXError(`${where}[${bad}] is ${values[bad]}, expected a finite float32`);
  return { dims, values };
}
