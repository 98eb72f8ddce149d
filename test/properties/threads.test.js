// Property suite over threads (see properties.js): init's and configure's `threads` take any value
// with typed errors only; threads() stays what init started; and, in runs with worker threads, a
// threaded gradient equals the one-thread gradient for any shapes, batch and thread limit.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, THREADS, checkMemory } from "../setup.js";
import { junk } from "./arbitraries.js";
import { check, outcome } from "./properties.js";
import { ready, TrainingData, DenseChainObjective, ThreadedObjective, softmaxHead, sigmoidHead } from "../../build/testing.js";

const { configure, init, threads } = wasmax;
const Props = suite("properties: threads");
checkMemory(Props);
Props.after.each(() => void configure({ threads: 0 }));

const threadCount = fc.oneof(fc.integer({ min: -2, max: 70 }), fc.constantFrom(1.5, NaN, Infinity, "2", null), junk);

Props("init({ threads }) and configure({ threads }): typed errors only, for any value; threads() is what init started", async () => {
  await fc.assert(
    fc.asyncProperty(threadCount, async (value) => {
      try {
        await init(undefined, { threads: value });
      } catch (error) {
        assert.ok(error instanceof TypeError || error instanceof RangeError, `init: ${error}`);
      }
      outcome(() => configure({ threads: value }), "configure");
      assert.is(threads(), THREADS);
      configure({ threads: 0 });
    }),
    { seed: 20261202, numRuns: 150 },
  );
});

if (THREADS > 1) {
  const shape = fc.record({
    kind: fc.constantFrom("linear", "mlp", "multilabel"),
    rows: fc.integer({ min: 1, max: 90 }),
    features: fc.integer({ min: 1, max: 9 }),
    classes: fc.integer({ min: 2, max: 6 }),
    weighted: fc.boolean(),
    limit: fc.integer({ min: 0, max: 3 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  });

  Props("ThreadedObjective: for any shapes, batch and thread limit, the loss and gradient equal one thread's", () => {
    const rt = ready();
    check(
      fc.property(shape, ({ kind, rows: N, features: D, classes: K, weighted, limit, seed }) => {
        let s = seed;
        const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
        const X = Float32Array.from({ length: N * D }, () => 2 * next() - 1);
        const sigmoid = kind === "multilabel";
        const targets = sigmoid
          ? Float32Array.from({ length: N * K }, () => (next() < 0.4 ? 1 : 0))
          : Int32Array.from({ length: N }, () => Math.floor(next() * K));
        const weights = weighted ? Float32Array.from({ length: N }, () => next() + 0.1) : null;
        const data = new TrainingData(rt, { data: X, rows: N, cols: D }, targets, weights, N);
        const head = () =>
          sigmoid
            ? sigmoidHead({ posWeight: null, threshold: 0.5 }).train(rt)
            : softmaxHead({ classWeights: null, labelSmoothing: 0 }).train(rt);
        const make =
          kind === "mlp"
            ? (rows, shared) =>
                new DenseChainObjective(
                  rt,
                  { features: D, hidden: [3], outputs: K, activation: "relu", fitIntercept: true },
                  head(),
                  rows,
                  shared,
                )
            : (rows, shared) =>
                new DenseChainObjective(
                  rt,
                  { features: D, hidden: [], outputs: K, activation: "identity", fitIntercept: true },
                  head(),
                  rows,
                  shared,
                );
        const single = make(N);
        const threaded = new ThreadedObjective(rt, rt.pool, make, N, { rows: 2, work: 0 });
        try {
          const theta = Float32Array.from({ length: single.paramCount }, () => next() - 0.5);
          rt.heap.f32.set(theta, single.params >>> 2);
          rt.heap.f32.set(theta, threaded.params >>> 2);
          configure({ threads: limit });
          const a = single.lossGrad(data.slice(0, N), 1 / N, false);
          const b = threaded.lossGrad(data.slice(0, N), 1 / N, false);
          assert.ok(Number.isFinite(b) && Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)), `loss ${a} vs ${b}`);
          const f32 = rt.heap.f32;
          for (let i = 0; i < single.paramCount; i++) {
            const [ga, gb] = [f32[(single.grads >>> 2) + i], f32[(threaded.grads >>> 2) + i]];
            assert.ok(Math.abs(ga - gb) <= 1e-5 * Math.max(1, Math.abs(ga)), `gradient ${i}: ${ga} vs ${gb}`);
          }
        } finally {
          configure({ threads: 0 });
          single.dispose();
          threaded.dispose();
          data.dispose();
        }
      }),
      { runs: 200, fresh: 100 },
    );
  });
}

Props.run();
