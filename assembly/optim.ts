// Parameter updates of the stochastic solvers (SGD with momentum, Adam). Element-wise: the SIMD
// build runs 4 lanes at a time and both builds share the scalar loop for the tail.

/**
 * SGD with momentum over n parameters: g = grad + decay·param; v = momentum·v − lr·g; param += v.
 * velocity may be 0 when momentum is 0 (then param −= lr·g).
 */
export function sgdUpdate(param: usize, grad: usize, velocity: usize, n: i32, lr: f32, momentum: f32, decay: f32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const lrv = f32x4.splat(lr), mv = f32x4.splat(momentum), dv = f32x4.splat(decay);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const p = v128.load(param + o);
      const g = f32x4.add(v128.load(grad + o), f32x4.mul(dv, p));
      let step = f32x4.mul(lrv, g);
      if (velocity) {
        step = f32x4.sub(f32x4.mul(mv, v128.load(velocity + o)), step);
        v128.store(velocity + o, step);
        v128.store(param + o, f32x4.add(p, step));
      } else {
        v128.store(param + o, f32x4.sub(p, step));
      }
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const p = load<f32>(param + o);
    const g = load<f32>(grad + o) + decay * p;
    if (velocity) {
      const v = momentum * load<f32>(velocity + o) - lr * g;
      store<f32>(velocity + o, v);
      store<f32>(param + o, p + v);
    } else {
      store<f32>(param + o, p - lr * g);
    }
  }
}

/**
 * Adam over n parameters: g = grad + decay·param; m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
 * param −= stepSize · m / (√v + eps), where the caller folds the bias corrections into stepSize
 * (lr · √(1 − β2^t) / (1 − β1^t)) and eps (eps · √(1 − β2^t)).
 */
export function adamUpdate(
  param: usize, grad: usize, m: usize, v: usize, n: i32,
  stepSize: f32, beta1: f32, beta2: f32, eps: f32, decay: f32,
): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const b1 = f32x4.splat(beta1), b2 = f32x4.splat(beta2);
    const c1 = f32x4.splat(1 - beta1), c2 = f32x4.splat(1 - beta2);
    const sv = f32x4.splat(stepSize), ev = f32x4.splat(eps), dv = f32x4.splat(decay);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const p = v128.load(param + o);
      const g = f32x4.add(v128.load(grad + o), f32x4.mul(dv, p));
      const mi = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, g));
      // ((1 − β2)·g)·g, in the scalar loop's order: (1 − β2)·(g·g) overflows for |g| > 1.8e19
      // where the scalar build does not, and the two builds must agree.
      const vi = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(f32x4.mul(c2, g), g));
      v128.store(m + o, mi);
      v128.store(v + o, vi);
      v128.store(param + o, f32x4.sub(p, f32x4.div(f32x4.mul(sv, mi), f32x4.add(f32x4.sqrt(vi), ev))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const p = load<f32>(param + o);
    const g = load<f32>(grad + o) + decay * p;
    const mi = beta1 * load<f32>(m + o) + (1 - beta1) * g;
    const vi = beta2 * load<f32>(v + o) + (1 - beta2) * g * g;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(param + o, p - stepSize * mi / (Mathf.sqrt(vi) + eps));
  }
}
