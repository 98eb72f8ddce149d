// Generators of careful and careless input for the property suite: mostly well-formed values of
// small sizes (so calls run fast), mixed with the kinds of wrong values users pass; and what the
// fastText properties compare corpora with.

import fc from "fast-check";

/** Numbers as users produce them, float32-hostile ones included. */
export const anyNumber = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e39, -1e39, 3.4e38, -0, 1e-45, 1e30) },
);

/** Values that are not what an argument wants. */
export const junk = fc.oneof(
  fc.constantFrom(null, undefined, "abc", "", true, {}, [], () => 1, Symbol.iterator, 1.5, -1, 0, 2 ** 40, NaN),
  fc.string({ maxLength: 3 }),
  fc.object({ maxDepth: 1, maxKeys: 2 }),
);

/** A finite f32 matrix of rows × cols as number[][]. */
export const finiteRows = (rows, cols, scale = 10) =>
  fc.array(fc.array(fc.double({ min: -scale, max: scale, noNaN: true }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });

/** A shape [rows, cols] with rows in 0..maxRows, cols in 1..maxCols (SIMD widths and tails). */
export const shape = (maxRows = 9, maxCols = 13) => fc.tuple(fc.integer({ min: 0, max: maxRows }), fc.integer({ min: 1, max: maxCols }));

/** Logits in any accepted form (typed or nested arrays), or something malformed. */
export const logitsInput = fc.oneof(
  {
    weight: 5,
    arbitrary: shape()
      .chain(([r, c]) => fc.tuple(fc.constant(c), fc.array(anyNumber, { minLength: r * c, maxLength: r * c })))
      .map(([c, v]) => ({ logits: Float32Array.from(v), classes: c })),
  },
  {
    weight: 2,
    arbitrary: shape()
      .chain(([r, c]) => fc.tuple(fc.constant(c), fc.array(anyNumber, { minLength: r * c, maxLength: r * c })))
      .map(([c, v]) => ({ logits: Float64Array.from(v), classes: c })),
  },
  {
    weight: 3,
    arbitrary: shape(6, 11)
      .chain(([r, c]) =>
        fc.array(fc.array(anyNumber, { minLength: c, maxLength: c }), { minLength: Math.max(1, r), maxLength: Math.max(1, r) }),
      )
      .map((rows) => ({ logits: rows, classes: undefined })),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      logits: fc.oneof(
        junk,
        fc.array(fc.oneof(anyNumber, junk), { maxLength: 4 }).map((r) => [r, r.slice(1)]),
      ),
      classes: fc.oneof(fc.integer({ min: -1, max: 5 }), junk),
    }),
  },
);

/** An options object: valid names with valid or junk values, sometimes an unknown or miscased name. */
export const options = (valid) =>
  fc.oneof(
    { weight: 1, arbitrary: junk },
    {
      weight: 12,
      arbitrary: fc
        .dictionary(
          fc.oneof(
            { weight: 20, arbitrary: fc.constantFrom(...Object.keys(valid)) },
            { weight: 1, arbitrary: fc.constantFrom("max_iter", "Solver", "nope", "classweight") },
          ),
          fc.constant(null),
          { maxKeys: 4 },
        )
        .chain((keys) =>
          fc.record(
            Object.fromEntries(
              Object.keys(keys).map((k) => [
                k,
                k in valid ? fc.oneof({ weight: 10, arbitrary: valid[k] }, { weight: 1, arbitrary: junk }) : junk,
              ]),
            ),
          ),
        ),
    },
  );

/** A corpus as plain arrays, or the error its encoding throws. */
export function corpusOrError(encode) {
  try {
    const c = encode();
    return {
      words: [...c.words],
      wordStarts: [...c.wordStarts],
      labels: [...c.labels],
      labelStarts: [...c.labelStarts],
      tokens: [...c.tokens],
    };
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
}
