// A gradient pass (passes.ts) as numbers, which is what a worker thread is handed: only threads use
// it (objectives/threaded.ts posts it, thread_loop.ts reads it), so it sits apart from the passes
// that one thread runs too, and a page that never starts threads does not download it.

import { SIGMOID_HEAD, SOFTMAX_HEAD, type ChainPass, type HeadPass } from "./passes.js";

/** The first number of an encoded pass: a worker refuses anything else. */
const PASS_CODE = 1;

/** A pass as numbers: what a worker thread is handed (class-major passes only). */
export function encodePass(pass: ChainPass): number[] {
  if (pass.inputMajor) throw new Error("wasmax: an input-major pass runs on the calling thread only");
  const L = pass.weightAt.length;
  return [
    PASS_CODE,
    pass.head.kind,
    pass.head.table,
    pass.head.smoothing,
    L,
    pass.outputBias ? 1 : 0,
    pass.activation,
    pass.params,
    pass.grads,
    pass.logits,
    pass.deltas[0],
    pass.deltas[1],
    ...pass.widths,
    ...pass.weightAt,
    ...pass.biasAt,
    ...pass.acts,
  ];
}

/** The inverse of encodePass, reading `values` from index `at`. */
export function decodePass(values: ArrayLike<number>, at: number): ChainPass {
  let i = at;
  const next = () => values[i++]!;
  const code = next();
  if (code !== PASS_CODE) throw new Error(`wasmax thread: unknown pass code ${code}`);
  const head: HeadPass = { kind: next() === SIGMOID_HEAD ? SIGMOID_HEAD : SOFTMAX_HEAD, table: next(), smoothing: next() };
  const L = next();
  const outputBias = next() === 1;
  const activation = next();
  const params = next();
  const grads = next();
  const logits = next();
  const deltas: [number, number] = [next(), next()];
  const take = (count: number) => Array.from({ length: count }, next);
  const widths = take(L + 1);
  const weightAt = take(L);
  const biasAt = take(L);
  const acts = take(L - 1);
  return { head, widths, weightAt, biasAt, outputBias, inputMajor: false, activation, params, grads, logits, deltas, acts };
}
