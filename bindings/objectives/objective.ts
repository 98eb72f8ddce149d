// The contract between models and solvers. A model turns its data and parameters into an
// Objective; solvers drive any Objective without knowing which model made it.
//
// Parameters are one f32 block in wasm memory. The objective is
//   F(θ) = Σ_i s_i · loss_i(θ)  +  (λ / 2) · Σ_{θ_j in a penalized group} θ_j²
// where the solver owns λ and the penalty; lossGrad computes only the data term.

/** A run of parameters [start, end) (f32 indices) that a step rule updates as one unit. */
export interface ParamGroup {
  readonly start: number;
  readonly end: number;
  /** True for weights, false for intercepts: the L2 penalty covers only penalized groups. */
  readonly penalized: boolean;
}

/** A run of parameters a sampled lossGrad touched: `length` f32 from index `param`, gradient at byte offset `grad`. */
export interface SparseRun {
  param: number;
  grad: number;
  length: number;
  penalized: boolean;
}

/**
 * Rows of training data resident in wasm memory (byte offsets; weights 0 means all ones). Dense rows
 * are `x` (rows × features f32); sparse rows (x = 0) are CSR: `indptr` (rows + 1 i32, counting
 * entries from `indices` and `values`), `indices` (i32) and `values` (f32).
 */
export interface Batch {
  readonly x: number;
  readonly indptr?: number;
  readonly indices?: number;
  readonly values?: number;
  readonly targets: number;
  readonly weights: number;
  readonly rows: number;
}

export interface Objective {
  /** Number of f32 parameters, trained or not. */
  readonly paramCount: number;
  /** Byte offset of the parameter block. */
  readonly params: number;
  /**
   * Byte offset of the gradient block that lossGrad writes (paramCount f32). An objective with
   * touched() writes its gradients where its runs say instead, and works with the stochastic
   * solver only.
   */
  readonly grads: number;
  /**
   * The trained parameters. Parameters outside every group (an intercept that is not fitted) keep
   * the values they were given, and their gradient is never read.
   */
  readonly groups: readonly ParamGroup[];
  /**
   * Σ of the weighted losses of the batch's rows at the current parameters. Writes gradScale · ∂/∂θ
   * of that sum into the gradient block's groups, or adds it there when `accumulate`.
   */
  lossGrad(batch: Batch, gradScale: number, accumulate: boolean): number;
  /**
   * Sampled objectives: the parameter runs the last lossGrad touched, each with its gradient
   * somewhere other than the gradient block. Solvers then step only these runs (sparse updates)
   * instead of the groups.
   */
  touched?(): readonly SparseRun[];
  /**
   * Sparse steps: the L2 shrink that parameters a step does not touch still owe (lazy
   * regularisation, as scikit-learn's SGD and Vowpal Wabbit keep it). The solver sets `shrink`, the
   * factor one step's penalty multiplies a weight by (1 − learningRate · decay); each lossGrad first
   * brings the rows its batch uses up to date (shrink^(steps they missed)), and `settle()` brings
   * every row up to date (the end of an epoch). Exact for plain sgd; the other rules get the same
   * catch-up.
   */
  readonly lazyPenalty?: { shrink: number; settle(): void };
  /** Frees the objective's wasm memory, except blocks handed over with takeParams(). */
  dispose(): void;
}

/** One chunk of a forward pass, in scratch memory (byte offsets). */
export interface ForwardChunk {
  /** Logits, rows × outputs. */
  readonly logits: number;
  /** Two spare i32 per row, for the visitor's labels and predictions. */
  readonly aux: number;
  readonly aux2: number;
  readonly rows: number;
  /** Index of the chunk's first row in X. */
  readonly from: number;
}
