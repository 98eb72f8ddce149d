import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rng, f32, assertSame } from "../reference.js";

const { softmax, logSoftmax, softmaxCrossEntropy, argmax, linear, memoryStats, configure } = wasmax;
const Memory = suite("wasm memory");
checkMemory(Memory);

Memory("inputs larger than the chunk size keep wasm memory bounded and give the same results", () => {
  const r = rng(41);
  const K = 10;
  const x = f32(200_000 * K, () => r.normal()); // 8 MB of logits
  const labels = Int32Array.from({ length: 200_000 }, (_, i) => i % K);
  const previous = configure({ chunkBytes: 64 * 1024 * 1024 });
  const whole = { p: softmax(x, K), lp: logSoftmax(x, K), ce: softmaxCrossEntropy(x, labels, K) };
  configure({ chunkBytes: 256 * 1024 });
  try {
    const before = memoryStats().memoryBytes;
    const p = softmax(x, K);
    const lp = logSoftmax(x, K);
    const ce = softmaxCrossEntropy(x, labels, K);
    assertSame(p, whole.p, "softmax");
    assertSame(lp, whole.lp, "logSoftmax");
    assertSame(ce.grad, whole.ce.grad, "grad");
    assert.ok(Math.abs(ce.loss - whole.ce.loss) <= 1e-12 * whole.ce.loss, `loss ${ce.loss} vs ${whole.ce.loss}`);
    assert.ok(memoryStats().memoryBytes === before, "no growth beyond what the first, unchunked calls reserved");
  } finally {
    configure(previous);
  }
});

Memory("a small chunk bounds memory growth for a 32 MB input", () => {
  const previous = configure({ chunkBytes: 1024 * 1024 });
  try {
    const before = memoryStats().memoryBytes;
    const x = new Float32Array(8_000_000);
    argmax(x, 1000);
    softmax(x, 1000, x);
    assert.ok(memoryStats().memoryBytes <= before + 2 * 1024 * 1024, `${memoryStats().memoryBytes} bytes reserved`);
    assert.ok(Math.abs(x[0] - 1e-3) < 1e-9, "uniform rows");
  } finally {
    configure(previous);
  }
});

Memory("views never go stale: results stay right across memory growth", () => {
  const small = softmax(new Float32Array([0, 0]), 2);
  const huge = new Float32Array(3_000_000); // forces wasm memory to grow
  linear(huge.subarray(0, 3000 * 100), new Float32Array(50 * 100), null, 100);
  const again = softmax(new Float32Array([0, 0]), 2);
  assert.equal(Array.from(small), [0.5, 0.5]);
  assert.equal(Array.from(again), [0.5, 0.5]);
});

Memory("a thousand calls of every kind leave memory where it was", () => {
  const before = memoryStats();
  const x = new Float32Array(64 * 10).fill(1);
  const labels = new Int32Array(64);
  for (let i = 0; i < 1000; i++) {
    softmax(x, 10);
    logSoftmax(x, 10);
    softmaxCrossEntropy(x, labels, 10);
    argmax(x, 10);
  }
  assert.equal(memoryStats(), before);
});

Memory("a model too large for wasm32 is refused with its size in MiB, and memory stays where it was", () => {
  const before = memoryStats().memoryBytes;
  // Two hidden layers of 100,000 units: 4e10 bytes of weights alone, past wasm32's 4 GiB.
  const model = new wasmax.MLPClassifier({ hiddenLayerSizes: [100_000, 100_000], maxIter: 1 });
  assert.throws(
    () => model.fit([[0], [1]], [0, 1]),
    (error) => error instanceof RangeError && /needs \d+\.\d MiB of wasm memory and wasm32 memory ends at 4 GiB/.test(error.message),
  );
  assert.is(memoryStats().memoryBytes, before);
});

Memory.run();
