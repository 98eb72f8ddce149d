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
 * Training produced a non-finite loss. The model is left as it was before the call; `lastFinite`
 * holds the last weights whose loss was finite, as JSON for SoftmaxRegression.fromJSON.
 */
export class TrainingDivergedError extends Error {
  override name = "TrainingDivergedError";
  constructor(message: string, readonly lastFinite: unknown) {
    super(message);
  }
}
