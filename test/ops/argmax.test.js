import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax, checkMemory } from "../setup.js";
import { rng, f32, assertSame } from "../reference.js";

const { argmax, topK } = wasmax;
const Predict = suite("argmax and topK");
checkMemory(Predict);

/** Reference ranking: NaN first, then larger values, ties by lower index. */
function ranked(row) {
  const key = (v) => (Number.isNaN(v) ? Infinity : v);
  return row
    .map((v, k) => [v, k])
    .sort((a, b) => {
      const na = Number.isNaN(a[0]);
      const nb = Number.isNaN(b[0]);
      if (na !== nb) return na ? -1 : 1;
      return key(b[0]) - key(a[0]) || a[1] - b[1];
    });
}

Predict("argmax and topK match a sort of each row, for every K and k", () => {
  const r = rng(31);
  for (const K of [1, 2, 3, 4, 5, 9, 10, 17, 1000]) {
    const rows = 7;
    // Few distinct values, so ties are common.
    const x = f32(rows * K, () => Math.round(4 * r.normal()));
    const best = argmax(x, K);
    for (const k of [1, 2, 3, K]) {
      if (k > K) continue;
      const top = topK(x, k, K);
      for (let i = 0; i < rows; i++) {
        const want = ranked(Array.from(x.subarray(i * K, i * K + K))).slice(0, k);
        assert.equal(
          Array.from(top.indices.subarray(i * k, i * k + k)),
          want.map((e) => e[1]),
          `K=${K} k=${k} row ${i} indices`,
        );
        assert.equal(
          Array.from(top.values.subarray(i * k, i * k + k)),
          want.map((e) => e[0]),
          `K=${K} k=${k} row ${i} values`,
        );
        assert.is(best[i], want[0][1], `K=${K} row ${i} argmax`);
      }
    }
  }
});

Predict("a NaN ranks first; −Infinity ranks last", () => {
  assert.equal(
    Array.from(
      argmax([
        [1, NaN, 5],
        [-Infinity, -Infinity, -3],
        [NaN, NaN, 2],
      ]),
    ),
    [1, 2, 0],
  );
  const top = topK([[3, NaN, -Infinity, 7]], 4);
  assert.equal(Array.from(top.indices), [1, 3, 0, 2]);
});

Predict("large batches are chunked with the same result", () => {
  const r = rng(32);
  const x = f32(5000 * 10, () => r.normal());
  const whole = argmax(x, 10);
  const previous = wasmax.configure({ chunkBytes: 1024 });
  try {
    assertSame(argmax(x, 10), whole);
    assertSame(
      topK(x, 3, 10).indices.filter((_, i) => i % 3 === 0),
      whole,
    );
  } finally {
    wasmax.configure(previous);
  }
});

Predict.run();
