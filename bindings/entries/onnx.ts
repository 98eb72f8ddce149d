/**
 * ONNX export and import of wasmax models (a subpath of its own, so the main bundle does not carry
 * protobuf).
 * @module wasmax/onnx
 */
// "wasmax/onnx": ONNX export and import, a subpath of its own so that the core bundle does not
// carry protobuf. It uses the models of "wasmax" itself (the build keeps that import external),
// so models it makes and models it exports are the application's own.

export { toONNX } from "../onnx/export.js";
export type { ONNXExportOptions } from "../onnx/export.js";
export { fromONNX, readONNXMetadata } from "../onnx/import.js";
export type { ONNXImportOptions } from "../onnx/import.js";
export { ONNXError } from "../onnx/errors.js";
