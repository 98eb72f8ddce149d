// Errors with names callers can test for (`error.name` or `instanceof`).

/** A fitted attribute or a prediction was asked of a model that has not been fitted. */
export class NotFittedError extends Error {
  /** "NotFittedError", for tests by name. */
  override name = "NotFittedError";
}

/** A model was used after dispose(). */
export class DisposedError extends Error {
  /** "DisposedError", for tests by name. */
  override name = "DisposedError";
}

/**
 * A worker thread failed during a fit (its job threw, or it stopped answering). The model is left
 * as it was before the call; the workers are ended and later fits train on one thread.
 */
export class ThreadError extends Error {
  /** "ThreadError", for tests by name. */
  override name = "ThreadError";
}

/**
 * Training produced a non-finite loss. The model is left as it was before the call; `lastFinite`
 * holds the last weights whose loss was finite, as JSON for SoftmaxRegression.fromJSON.
 */
export class TrainingDivergedError extends Error {
  /** "TrainingDivergedError", for tests by name. */
  override name = "TrainingDivergedError";
  constructor(
    message: string,
    /** The last weights whose loss was finite, as the model's JSON (load it with loadModel). */
    readonly lastFinite: unknown,
  ) {
    super(message);
  }
}
