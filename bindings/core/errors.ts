// Errors with names callers can test for (`error.name` or `instanceof`).

/** A fitted attribute or a prediction was asked of a model that has not been fitted. */
export class NotFittedError extends Error {
  override name = "NotFittedError";
}

/** A model was used after dispose(). */
export class DisposedError extends Error {
  override name = "DisposedError";
}

/**
 * A worker thread failed during a fit (its job threw, or it stopped answering). The model is left
 * as it was before the call; the workers are ended and later fits train on one thread.
 */
export class ThreadError extends Error {
  override name = "ThreadError";
}

/**
 * Training produced a non-finite loss. The model is left as it was before the call; `lastFinite`
 * holds the last weights whose loss was finite, as JSON for SoftmaxRegression.fromJSON.
 */
export class TrainingDivergedError extends Error {
  override name = "TrainingDivergedError";
  constructor(
    message: string,
    readonly lastFinite: unknown,
  ) {
    super(message);
  }
}
