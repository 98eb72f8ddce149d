/**
 * An ONNX file wasmax cannot read or a graph it cannot import: not ONNX, truncated, an op outside
 * the supported set, a graph that is not a chain of dense layers, a tensor of the wrong shape; or a
 * pipeline step toONNX cannot export (a text step, non-integer numeric categories).
 * `node` names the graph node at fault ("Gemm 'fc1' (node 3)") when there is one.
 */
export class ONNXError extends Error {
  /** "ONNXError", for tests by name. */
  override readonly name = "ONNXError";
  /** The graph node at fault, when there is one: "Gemm 'fc1' (node 3)". */
  readonly node: string | undefined;

  constructor(message: string, node?: string) {
    super(node === undefined ? message : `${node}: ${message}`);
    this.node = node;
  }
}
