// The dense chain on sparse rows, as the full-batch solver (L-BFGS) sees it: for the same weights,
// the objective value and gradient over CSR rows (first layer input-major) equal those over the same
// rows dense (class-major), with and without a hidden layer, for softmax and sigmoid heads.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { checkMemory } from "../setup.js";
import {
  ready,
  TrainingData,
  DenseChainObjective,
  SparseMatrix,
  softmaxHead,
  sigmoidHead,
  fullObjective,
  FULL_BATCH_ROWS,
} from "../../build/testing.js";
import { rng } from "../reference.js";

const Sparse = suite("objectives: dense chain on sparse rows");
checkMemory(Sparse);

const N = 30,
  D = 11,
  K = 4;

/** Rows with about a third of their entries non-zero, dense and as CSR. */
function data(r) {
  const X = new Float32Array(N * D);
  const indptr = [0];
  const indices = [];
  const values = [];
  for (let i = 0; i < N; i++) {
    for (let d = 0; d < D; d++) {
      if (r.uniform() < 0.35) {
        X[i * D + d] = r.normal();
        indices.push(d);
        values.push(X[i * D + d]);
      }
    }
    indptr.push(indices.length);
  }
  const S = SparseMatrix.fromCSR({
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(values),
    cols: D,
  });
  return { X, S };
}

for (const hidden of [[], [5]]) {
  for (const sigmoid of [false, true]) {
    Sparse(`value and gradient equal the dense rows', hidden ${JSON.stringify(hidden)}, ${sigmoid ? "sigmoid" : "softmax"} head`, () => {
      const rt = ready();
      const r = rng(40 + hidden.length + (sigmoid ? 2 : 0));
      const { X, S } = data(r);
      const targets = sigmoid
        ? Float32Array.from({ length: N * K }, () => (r.uniform() < 0.4 ? 1 : 0))
        : Int32Array.from({ length: N }, (_, i) => i % K);
      const head = () =>
        sigmoid
          ? sigmoidHead({ posWeight: null, threshold: 0.5 }).train(rt)
          : softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt);
      const shape = { features: D, hidden, outputs: K, activation: "tanh", fitIntercept: true };
      const W0 = hidden[0] ?? K;
      const denseData = new TrainingData(rt, { data: X, rows: N, cols: D }, targets, null, FULL_BATCH_ROWS);
      const sparseData = new TrainingData(rt, S, targets, null, FULL_BATCH_ROWS);
      const dense = new DenseChainObjective(rt, shape, head(), denseData.batchRows);
      const sparse = new DenseChainObjective(rt, { ...shape, inputMajor: true }, head(), sparseData.batchRows, undefined, {
        nnz: sparseData.maxBatchNnz,
        steps: false,
      });
      try {
        const theta = Float64Array.from({ length: dense.paramCount }, () => Math.fround(0.5 * r.normal()));
        // The same weights with W₀ transposed to input-major (features × outputs).
        const thetaT = Float64Array.from(theta);
        for (let o = 0; o < W0; o++) for (let d = 0; d < D; d++) thetaT[d * W0 + o] = theta[o * D + d];
        const g = new Float64Array(theta.length);
        const gT = new Float64Array(theta.length);
        const value = fullObjective(rt, dense, denseData, 0.3, N)(theta, g);
        const valueT = fullObjective(rt, sparse, sparseData, 0.3, N)(thetaT, gT);
        assert.ok(Math.abs(value - valueT) <= 1e-6 * Math.abs(value), `value ${value} vs ${valueT}`);
        for (let o = 0; o < W0; o++) {
          for (let d = 0; d < D; d++) {
            const [a, b] = [g[o * D + d], gT[d * W0 + o]];
            assert.ok(Math.abs(a - b) <= 1e-5 * (1 + Math.abs(a)), `∂/∂W₀[${o}][${d}]: ${a} vs ${b}`);
          }
        }
        for (let i = W0 * D; i < theta.length; i++) assert.ok(Math.abs(g[i] - gT[i]) <= 1e-5 * (1 + Math.abs(g[i])), `parameter ${i}`);
      } finally {
        dense.dispose();
        sparse.dispose();
        denseData.dispose();
        sparseData.dispose();
      }
    });
  }
}

Sparse.run();
