// Limited-memory BFGS for smooth unconstrained minimisation, on Float64Array parameters.
//
// Two-loop recursion over the last `memory` (s, y) pairs, initial Hessian scaled by sᵀy / yᵀy; step
// lengths from a line search that satisfies the strong Wolfe conditions (Nocedal & Wright,
// Numerical Optimization, algorithms 3.5 and 3.6, with cubic interpolation inside the bracket).
// Converged when max |gradient| <= tol (the projected-gradient test of scipy's L-BFGS-B, which
// scikit-learn uses, with no bounds) or when the objective stops decreasing relative to its size.

export interface LbfgsOptions {
  maxIter: number;
  tol: number;
  memory?: number;
  /** Called after each iteration; returning false stops. */
  onIteration?: (iteration: number, value: number) => boolean | void;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
  /** Objective value after each iteration. */
  history: number[];
  /** Why it stopped: 'gradient', 'no progress', 'max iterations', 'callback', 'line search'. */
  reason: string;
}

/** f(x, grad) returns the objective and writes its gradient into grad. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

const C1 = 1e-4; // sufficient decrease
// The objective is summed from f32 kernels: differences below ~1e-6 of its size are noise. Near the
// optimum a step is also accepted under Hager and Zhang's approximate Wolfe condition: value within
// that band and the slope still satisfying the curvature test (their CG_DESCENT, eq. 4.2).
const NOISE = 1e-6;
const C2 = 0.9; // curvature (quasi-Newton methods)
const FACTR = 1e7 * 2.220446049250313e-16; // scipy's default relative-reduction test
const STALL = 10;

export function lbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = x0.length;
  const m = options.memory ?? 10;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let value = f(x, g);
  const history: number[] = [];
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alpha = new Float64Array(m);
  if (maxAbs(g) <= options.tol) return { x, value, iterations: 0, converged: true, history, reason: "gradient" };
  let stalled = 0;
  for (let iter = 1; iter <= options.maxIter; iter++) {
    // d = −H·g by the two-loop recursion.
    d.set(g);
    for (let i = S.length - 1; i >= 0; i--) {
      alpha[i] = rho[i]! * dot(S[i]!, d);
      axpy(-alpha[i]!, Y[i]!, d);
    }
    const last = S.length - 1;
    const gamma = last >= 0 ? dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!) : 1 / Math.max(1, norm(g));
    scale(d, gamma);
    for (let i = 0; i < S.length; i++) axpy(alpha[i]! - rho[i]! * dot(Y[i]!, d), S[i]!, d);
    scale(d, -1);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature went bad): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      d.set(g);
      scale(d, -1 / Math.max(1, norm(g)));
      slope = dot(g, d);
    }
    const step = wolfeSearch(f, x, value, g, d, slope);
    if (step === null) return { x, value, iterations: iter - 1, converged: false, history, reason: "line search" };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i]! - x[i]!;
      y[i] = step.g[i]! - g[i]!;
    }
    const sy = dot(s, y);
    const previous = value;
    x.set(step.x);
    g.set(step.g);
    value = step.value;
    history.push(value);
    if (sy > 1e-10 * dot(y, y)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    if (options.onIteration?.(iter, value) === false) return { x, value, iterations: iter, converged: false, history, reason: "callback" };
    if (maxAbs(g) <= options.tol) return { x, value, iterations: iter, converged: true, history, reason: "gradient" };
    // With f32 noise in the values, one flat step proves little: ask for STALL in a row.
    stalled = (previous - value) / Math.max(Math.abs(previous), Math.abs(value), 1) <= FACTR ? stalled + 1 : 0;
    if (stalled >= STALL) return { x, value, iterations: iter, converged: true, history, reason: "no progress" };
  }
  return { x, value, iterations: options.maxIter, converged: false, history, reason: "max iterations" };
}

interface Point {
  x: Float64Array;
  g: Float64Array;
  value: number;
  slope: number;
  t: number;
}

/** A step t along d with f(x + t·d) satisfying the strong Wolfe conditions, or null. */
function wolfeSearch(f: Objective, x: Float64Array, f0: number, g0: Float64Array, d: Float64Array, slope0: number): Point | null {
  const evaluate = (t: number): Point => {
    const xt = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xt[i] = x[i]! + t * d[i]!;
    const gt = new Float64Array(x.length);
    const value = f(xt, gt);
    return { x: xt, g: gt, value, slope: dot(gt, d), t };
  };
  const armijo = (p: Point) =>
    p.value <= f0 + C1 * p.t * slope0 || (p.value <= f0 + NOISE * Math.abs(f0) && p.slope <= (2 * C1 - 1) * slope0);
  const curvature = (p: Point) => Math.abs(p.slope) <= -C2 * slope0;
  let prev: Point = { x, g: g0, value: f0, slope: slope0, t: 0 };
  let t = 1;
  for (let i = 0; i < 20; i++) {
    const p = evaluate(t);
    if (!Number.isFinite(p.value)) {
      t = (prev.t + t) / 2; // stepped into overflow: come back
      continue;
    }
    if (!armijo(p) || (i > 0 && p.value >= prev.value)) return zoom(evaluate, prev, p, armijo, curvature);
    if (curvature(p)) return p;
    if (p.slope >= 0) return zoom(evaluate, p, prev, armijo, curvature);
    prev = p;
    t *= 2;
  }
  return null;
}

/** Narrows [lo, hi] (lo satisfies sufficient decrease) until a point meets both conditions. */
function zoom(
  evaluate: (t: number) => Point,
  lo: Point,
  hi: Point,
  armijo: (p: Point) => boolean,
  curvature: (p: Point) => boolean,
): Point | null {
  for (let i = 0; i < 30; i++) {
    const t = cubicMinimum(lo, hi);
    const p = evaluate(t);
    if (!armijo(p) || p.value > lo.value + NOISE * Math.abs(lo.value)) {
      hi = p;
    } else {
      if (curvature(p)) return p;
      if (p.slope * (hi.t - lo.t) >= 0) hi = lo;
      lo = p;
    }
    if (Math.abs(hi.t - lo.t) < 1e-12 * Math.max(1, Math.abs(lo.t))) break;
  }
  return lo.t > 0 ? lo : null;
}

/** Minimiser of the cubic through two points with slopes, kept inside the safe part of the bracket. */
function cubicMinimum(a: Point, b: Point): number {
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.t - b.t);
  const disc = d1 * d1 - a.slope * b.slope;
  let t = (a.t + b.t) / 2;
  if (disc >= 0) {
    const d2 = Math.sign(b.t - a.t) * Math.sqrt(disc);
    const candidate = b.t - (b.t - a.t) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
    if (Number.isFinite(candidate)) t = candidate;
  }
  const lo = Math.min(a.t, b.t);
  const hi = Math.max(a.t, b.t);
  const margin = 0.1 * (hi - lo);
  return Math.min(Math.max(t, lo + margin), hi - margin);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= a;
}

function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}
