// Property suite over wasmax/plot: for any input, each chart function returns a well-formed SVG
// document or throws a TypeError or RangeError; the text it shows reads back as given (characters
// XML forbids become U+FFFD), and every axis's tick values read as numbers in increasing order.

import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } from "../../dist/plot.js";
import { findAll, parseXML, textOf } from "../plot/xml.js";
import { anyNumber, junk } from "./arbitraries.js";
import { check, outcome } from "./properties.js";

const Plot = suite("properties: plot");

/** Any text: ASCII with markup characters, any code point, lone surrogates and control characters. */
const anyText = fc.oneof(
  fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", "a", " ", ";", "#") }),
  fc.string({ unit: "binary" }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 6 }).map((codes) => String.fromCharCode(...codes)),
);
const anyLabel = fc.oneof(anyText, fc.integer({ min: -5, max: 5 }), anyNumber);
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** A string as a well-formed document can show it. */
const asShown = (s) => s.replace(XML_FORBIDDEN, "\uFFFD");

/** Parses an SVG the chart functions returned and checks what every chart keeps. */
function checkDocument(svg, title) {
  const root = parseXML(svg);
  assert.is(root.name, "svg");
  assert.is(textOf(findAll(root, "title")[0]), asShown(title), "the title reads back");
  for (const axis of findAll(root, "g").filter((g) => g.attributes.class?.startsWith("axis "))) {
    const tickValues = findAll(axis, "g").find((g) => g.attributes.class === "tick-values");
    const values = findAll(tickValues, "text").map((t) => Number(textOf(t)));
    assert.ok(values.length >= 2, `${axis.attributes.class}: at least two tick values`);
    values.forEach((v, i) => assert.ok(Number.isFinite(v) && (i === 0 || v > values[i - 1]), `${axis.attributes.class}: ticks ${values}`));
  }
  return root;
}

const options = fc.oneof(
  fc.constant(undefined),
  fc.record(
    {
      title: fc.oneof(anyText, junk),
      xLabel: anyText,
      width: fc.oneof(fc.integer({ min: 150, max: 1200 }), junk),
      height: fc.integer({ min: 100, max: 900 }),
    },
    { requiredKeys: [] },
  ),
  junk,
);

Plot("lossCurveSVG: a well-formed SVG or a typed error, for any curve and options", () => {
  const series = fc.oneof(
    fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 40 }),
    fc.array(anyNumber, { maxLength: 12 }),
    fc.array(fc.constantFrom(0, 1e-300, 5e-324, 1e300, -1e300, 1.7e308), { maxLength: 5 }),
    // Magnitudes from 1e-300 to 1e300, with ranges from zero to far wider than the values.
    fc
      .tuple(
        fc.integer({ min: -300, max: 290 }),
        fc.integer({ min: 0, max: 4 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 10 }), { maxLength: 4 }),
      )
      .map(([e, narrower, start, steps]) => [start * 10 ** e, ...steps.map((s) => start * 10 ** e + s * 10 ** (e - narrower))]),
    junk,
  );
  check(
    fc.property(
      series,
      options,
      fc.option(fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { maxLength: 40 })),
      (loss, o, accuracy) => {
        const given = accuracy === null || typeof o !== "object" || o === null ? o : { ...o, accuracy };
        const { value } = outcome(() => lossCurveSVG(loss, given), "lossCurveSVG");
        if (value === undefined) return;
        const root = checkDocument(value, typeof given?.title === "string" ? given.title : "Training loss");
        // The loss axis's ticks bracket every loss (within a millionth of a tick step, for the labels' rounding).
        const left = findAll(root, "g").find((g) => g.attributes.class === "axis left");
        const ticks = findAll(findAll(left, "g")[1], "text").map((t) => Number(textOf(t)));
        const slack = (ticks[1] - ticks[0]) * 1e-6;
        const [min, max] = [Math.min(...loss), Math.max(...loss)];
        assert.ok(ticks[0] <= min + slack && ticks[ticks.length - 1] >= max - slack, `ticks ${ticks} around ${min} … ${max}`);
      },
    ),
    { runs: 300, fresh: 150 },
  );
});

Plot("confusionMatrixSVG: a well-formed SVG or a typed error; class names read back as given", () => {
  const input = fc.oneof(
    fc.integer({ min: 1, max: 6 }).chain((k) =>
      fc.record({
        labels: fc.array(anyLabel, { minLength: k, maxLength: k }),
        matrix: fc.array(fc.array(fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: k, maxLength: k }), {
          minLength: k,
          maxLength: k,
        }),
      }),
    ),
    fc.record({ labels: fc.oneof(fc.array(anyLabel, { maxLength: 3 }), junk), matrix: fc.oneof(fc.array(fc.array(anyNumber)), junk) }),
    junk,
  );
  check(
    fc.property(input, options, (confusion, o) => {
      const { value } = outcome(() => confusionMatrixSVG(confusion, o), "confusionMatrixSVG");
      if (value === undefined) return;
      const root = checkDocument(value, typeof o?.title === "string" ? o.title : "Confusion matrix");
      const names = findAll(root, "g").find((g) => g.attributes.class === "true-classes");
      findAll(names, "text").forEach((t, i) => {
        const tooltip = findAll(t, "title")[0];
        const whole = asShown(String(confusion.labels[i]));
        assert.is(tooltip ? textOf(tooltip) : textOf(t), whole, `class ${i}'s name`);
      });
    }),
    { runs: 300, fresh: 150 },
  );
});

Plot("decisionRegionsSVG: a well-formed SVG or a typed error, for any points, labels and predictor", () => {
  const points = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      X: fc.oneof(
        fc.array(fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true })), {
          minLength: n,
          maxLength: n,
        }),
        fc.array(fc.array(anyNumber, { maxLength: 3 }), { minLength: n, maxLength: n }),
        fc.array(anyNumber, { minLength: 2 * n, maxLength: 2 * n }).map((v) => Float64Array.from(v)),
        junk,
      ),
      y: fc.oneof(fc.array(fc.constantFrom("a", "<b>", 3), { minLength: n, maxLength: n }), fc.array(anyLabel, { maxLength: 4 }), junk),
    }),
  );
  // Predicts by the sign of x0 + x1, or answers wrongly in one of the ways a user's function can.
  const predictor = fc.constantFrom(
    (grid) => grid.map(([a, b]) => (a + b > 0 ? "a" : "<b>")),
    { predict: (grid) => grid.map(([a]) => (a > 0 ? 3 : "a")) },
    () => [],
    (grid) => grid.map(() => null),
    () => "a",
    42,
  );
  check(
    fc.property(predictor, points, options, (model, { X, y }, o) => {
      const given = typeof o === "object" && o !== null ? { ...o, resolution: 24 } : o;
      const { value } = outcome(() => decisionRegionsSVG(model, X, y, given), "decisionRegionsSVG");
      if (value !== undefined) checkDocument(value, typeof given?.title === "string" ? given.title : "Decision regions");
    }),
    { runs: 200, fresh: 100 },
  );
});

Plot.run();
