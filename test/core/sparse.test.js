import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";

const { SparseMatrix, isSparseMatrix } = wasmax;
const Sparse = suite("SparseMatrix");

const dense = (m) => Array.from(m.toDense());

Sparse("fromCSR puts rows in canonical form: sorted, duplicates summed, zeros dropped", () => {
  const m = SparseMatrix.fromCSR({
    indptr: [0, 4, 4, 7],
    indices: [3, 0, 3, 1, 2, 2, 0],
    data: [1, 5, 2, 0, 1.5, -1.5, 7],
    cols: 4,
  });
  assert.is(m.rows, 3);
  assert.is(m.cols, 4);
  assert.is(m.nnz, 3);
  assert.equal(Array.from(m.indptr), [0, 2, 2, 3]);
  assert.equal(Array.from(m.indices), [0, 3, 0]);
  assert.equal(Array.from(m.data), [5, 3, 7]);
  assert.instance(m.indptr, Int32Array);
  assert.instance(m.indices, Int32Array);
  assert.instance(m.data, Float32Array);
  assert.equal(dense(m), [5, 0, 0, 3, 0, 0, 0, 0, 7, 0, 0, 0]);
});

Sparse("fromCSR copies its input and takes typed arrays of every accepted kind", () => {
  const indices = new Uint32Array([1, 0]);
  const data = new Float64Array([0.1, 2]);
  const m = SparseMatrix.fromCSR({ indptr: new Int32Array([0, 2]), indices, data, cols: 2 });
  indices[0] = 7;
  data[1] = 99;
  assert.equal(dense(m), [2, Math.fround(0.1)]);
  const n = SparseMatrix.fromCSR({ indptr: m.indptr, indices: m.indices, data: m.data, cols: 2 });
  assert.ok(n.indices !== m.indices && n.data !== m.data, "a new matrix owns new arrays");
});

Sparse("fromRows: objects, pairs and Maps agree with fromCSR", () => {
  const a = SparseMatrix.fromRows([{ 2: 1, 0: 3 }, {}, { 1: -2 }], 3);
  const b = SparseMatrix.fromRows(
    [
      [
        [2, 1],
        [0, 1],
        [0, 2],
      ],
      [],
      [[1, -2]],
    ],
    3,
  );
  const c = SparseMatrix.fromRows(
    [
      new Map([
        [0, 3],
        [2, 1],
      ]),
      new Map(),
      new Map([
        [1, -2],
        [0, 0],
      ]),
    ],
    3,
  );
  const d = SparseMatrix.fromCSR({ indptr: [0, 2, 2, 3], indices: [0, 2, 1], data: [3, 1, -2], cols: 3 });
  for (const m of [a, b, c]) {
    assert.equal(m.indptr, d.indptr);
    assert.equal(m.indices, d.indices);
    assert.equal(m.data, d.data);
  }
});

Sparse("values: float64 duplicates summed before one rounding; tiny values that round to 0 dropped", () => {
  const m = SparseMatrix.fromRows(
    [
      [
        [0, 1],
        [0, 2 ** -30],
        [0, 2 ** -30],
        [1, 1e-50],
      ],
    ],
    2,
  );
  assert.equal(Array.from(m.data), [Math.fround(1 + 2 ** -29)]);
  assert.is(m.nnz, 1);
  rejects(
    () =>
      SparseMatrix.fromRows(
        [
          [
            [0, 3e38],
            [0, 3e38],
          ],
        ],
        1,
      ),
    RangeError,
    /row 0, column 0/,
    /sum to/,
    /float32/,
  );
});

Sparse("sliceRows and selectRows copy the rows asked for", () => {
  const m = SparseMatrix.fromRows([{ 0: 1 }, { 1: 2, 2: 3 }, {}, { 2: 4 }], 3);
  const s = m.sliceRows(1, 3);
  assert.is(s.rows, 2);
  assert.equal(dense(s), [0, 2, 3, 0, 0, 0]);
  assert.equal(dense(m.sliceRows(0)), dense(m));
  assert.is(m.sliceRows(2, 2).rows, 0);
  assert.ok(s.data.buffer !== m.data.buffer, "no shared buffer");
  const t = m.selectRows(new Int32Array([3, 0, 3, 2]));
  assert.equal(dense(t), [0, 0, 4, 1, 0, 0, 0, 0, 4, 0, 0, 0]);
  assert.equal(dense(m.selectRows([])), []);
  assert.is(m.selectRows([]).cols, 3);
});

Sparse("isSparseMatrix: a brand shared through Symbol.for, so matrices of another bundle pass", () => {
  const m = SparseMatrix.fromRows([], 2);
  assert.ok(isSparseMatrix(m));
  for (const x of [
    null,
    undefined,
    {},
    [],
    new Float32Array(2),
    { indptr: m.indptr, indices: m.indices, data: m.data, rows: 0, cols: 2 },
  ]) {
    assert.not.ok(isSparseMatrix(x));
  }
  const foreign = { [Symbol.for("wasmax.SparseMatrix")]: true };
  assert.ok(isSparseMatrix(foreign));
  rejects(() => new SparseMatrix(), TypeError, /no public constructor/, /fromCSR/);
  // The constructor sets the brand: read-only, not enumerable, so the matrix's keys stay its CSR parts.
  const brand = Object.getOwnPropertyDescriptor(m, Symbol.for("wasmax.SparseMatrix"));
  assert.equal([brand.value, brand.writable, brand.enumerable], [true, false, false]);
  assert.equal(Object.keys(m), ["indptr", "indices", "data", "rows", "cols"]);
  // Named by its brand where a dense matrix was due (class names do not survive the browser build's minifier).
  rejects(() => new wasmax.StandardScaler().fit(m), TypeError, /got a SparseMatrix$/);
});

Sparse("fromCSR refuses bad input naming the row", () => {
  const ok = { indptr: [0, 1, 2], indices: [0, 1], data: [1, 2], cols: 2 };
  const bad = (patch) => () => SparseMatrix.fromCSR({ ...ok, ...patch });
  rejects(bad({ indices: [0, 2] }), RangeError, /row 1: indices\[1\] = 2 is out of range \[0, 2\)/);
  rejects(bad({ indices: [-1, 0] }), RangeError, /row 0: indices\[0\] = -1/);
  rejects(bad({ indices: [0, 0.5] }), TypeError, /row 1: indices\[1\] must be an integer column index/);
  rejects(bad({ indices: [0, "1"] }), TypeError, /row 1/);
  rejects(bad({ data: [1, NaN] }), RangeError, /row 1, column 1: data\[1\] = NaN is not finite/);
  rejects(bad({ data: new Float64Array([1e39, 1]) }), RangeError, /row 0, column 0/, /float32/);
  rejects(bad({ data: [1, null] }), TypeError, /row 1, column 1: data\[1\] must be a number/);
  rejects(bad({ indptr: [0, 2, 1] }), RangeError, /row 1: indptr\[2\] = 1 is less than indptr\[1\] = 2/);
  rejects(bad({ indptr: [1, 1, 2] }), RangeError, /indptr\[0\] must be 0/);
  rejects(bad({ indptr: [0, 1, 3] }), RangeError, /indptr ends at 3/, /have 2 and 2/);
  rejects(bad({ indptr: [] }), RangeError, /indptr needs rows \+ 1 >= 1 entries/);
  rejects(bad({ indptr: [0, 1.5, 2] }), TypeError, /indptr\[1\] must be an integer/);
  rejects(bad({ cols: 0 }), RangeError, /cols must be in \[1, 2147483647\]/);
  rejects(bad({ cols: 2 ** 31 }), RangeError, /cols/);
  rejects(bad({ cols: "2" }), TypeError, /cols must be an integer/);
  rejects(bad({ data: new Int32Array(2) }), TypeError, /data must be a Float32Array, a Float64Array or an array of numbers/);
  rejects(bad({ indices: new Float32Array(2) }), TypeError, /indices must be an Int32Array/);
  rejects(bad({ indptr: 5 }), TypeError, /indptr must be/);
  rejects(bad({ indptr: [0, 2 ** 31, 2 ** 31] }), RangeError, /at most 2147483647 values/);
  rejects(() => SparseMatrix.fromCSR({ ...ok, rows: 2 }), TypeError, /unknown option "rows"/);
  rejects(() => SparseMatrix.fromCSR(null), TypeError, /options object/);
});

Sparse("fromRows refuses bad rows naming the row", () => {
  rejects(() => SparseMatrix.fromRows([{ 0: 1 }, { 5: 1 }], 3), RangeError, /row 1: column index 5 is out of range \[0, 3\)/);
  rejects(() => SparseMatrix.fromRows([{ "-1": 1 }], 3), RangeError, /row 0: column index -1/);
  rejects(() => SparseMatrix.fromRows([{}, { a: 1 }], 3), TypeError, /row 1: "a" is not an integer column index/);
  rejects(() => SparseMatrix.fromRows([[[0.5, 1]]], 3), TypeError, /row 0: 0.5 is not an integer/);
  rejects(() => SparseMatrix.fromRows([[[0, 1, 2]]], 3), TypeError, /row 0: entry 0 must be an \[index, value\] pair/);
  rejects(() => SparseMatrix.fromRows([{ 1: Infinity }], 3), RangeError, /row 0, column 1 = Infinity/);
  rejects(() => SparseMatrix.fromRows([{ 1: "2" }], 3), TypeError, /row 0, column 1 must be a number/);
  rejects(() => SparseMatrix.fromRows([null], 3), TypeError, /row 0 must be an object/);
  rejects(() => SparseMatrix.fromRows([new Float32Array(3)], 3), TypeError, /row 0 must be/);
  rejects(() => SparseMatrix.fromRows({}, 3), TypeError, /rows must be an array/);
  rejects(() => SparseMatrix.fromRows([]), TypeError, /cols must be an integer/);
});

Sparse("sliceRows, selectRows, toDense: typed errors", () => {
  const m = SparseMatrix.fromRows([{ 0: 1 }, { 1: 2 }], 2);
  rejects(() => m.sliceRows(1, 3), RangeError, /sliceRows\(1, 3\)/, /rows = 2/);
  rejects(() => m.sliceRows(2, 1), RangeError, /from <= to/);
  rejects(() => m.sliceRows(0.5), TypeError, /integers/);
  rejects(() => m.selectRows([0, 2]), RangeError, /rows\[1\] = 2 is out of range \[0, 2\)/);
  rejects(() => m.selectRows([0, -1]), RangeError, /rows\[1\] = -1/);
  rejects(() => m.selectRows(["0"]), TypeError, /rows\[0\] must be an integer row index/);
  rejects(() => m.selectRows(new Float64Array(1)), TypeError, /selectRows: rows must be/);
  const wide = SparseMatrix.fromRows([{ 0: 1 }, {}], 2 ** 31 - 1);
  rejects(() => wide.toDense(), RangeError, /too many for one dense array/);
  assert.is(wide.nnz, 1, "a wide matrix costs its non-zeros only");
});

Sparse.run();
