// The multi-label benchmark's data, 1,500 × 103 features × 14 labels (the shape of the "yeast"
// data set), generated identically here and in bench/multilabel_sklearn.py: mulberry32 uniforms,
// features the sum of four uniforms minus 2, labels on where X·W (W from the same stream) + noise
// is above 0.8.

export const ROWS = 1500;
export const FEATURES = 103;
export const LABELS = 14;

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function multilabelData() {
  const next = mulberry32(12345);
  const normal = () => next() + next() + next() + next() - 2;
  const W = Array.from({ length: LABELS }, () => Array.from({ length: FEATURES }, () => normal() * 0.3));
  const X = Array.from({ length: ROWS }, () => Array.from({ length: FEATURES }, normal));
  const Y = X.map((row) => W.map((w) => (row.reduce((s, v, j) => s + v * w[j], 0) + normal() > 0.8 ? 1 : 0)));
  return { X, Y };
}
