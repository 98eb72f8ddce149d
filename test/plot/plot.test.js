// wasmax/plot: each chart matches its committed SVG byte for byte (set WASMAX_UPDATE_SNAPSHOTS=1 to
// rewrite them after a deliberate change, and look at them before committing), parses as XML, shows
// its tick values, titles and legend, escapes text, and refuses bad input with a typed error that
// names the argument. Chromium opens the same SVGs in test/runtimes/plot.test.js.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as plot from "../../dist/plot.js";
import { wasmax, checkMemory } from "../setup.js";
import { rejects } from "../assertions.js";
import { snapshotCharts, admissionsRule } from "./charts.js";
import { findAll, parseXML, textOf } from "./xml.js";

const { lossCurveSVG, confusionMatrixSVG, decisionRegionsSVG } = plot;
const SNAPSHOTS = new URL("../fixtures/plot/", import.meta.url);
const Plot = suite("plot");
checkMemory(Plot);

/** The texts of the <text> elements (their own strings, without tooltips). */
const texts = (svg) =>
  findAll(parseXML(svg), "text").map((t) =>
    t.children
      .filter((c) => typeof c === "string")
      .join("")
      .trim(),
  );

Plot("every chart equals its committed snapshot, and drawing twice gives the same bytes", () => {
  const update = process.env.WASMAX_UPDATE_SNAPSHOTS === "1";
  if (update) mkdirSync(SNAPSHOTS, { recursive: true });
  for (const [name, draw] of Object.entries(snapshotCharts(plot))) {
    const svg = draw();
    assert.is(draw(), svg, `${name}: deterministic`);
    parseXML(svg);
    const file = new URL(`${name}.svg`, SNAPSHOTS);
    if (update) writeFileSync(file, svg);
    assert.ok(existsSync(file), `${name}.svg is committed (WASMAX_UPDATE_SNAPSHOTS=1 writes it)`);
    assert.fixture(svg, readFileSync(file, "utf8"), `${name}.svg`);
  }
});

Plot("the XML reader the tests trust rejects what is not well-formed", () => {
  for (const bad of [
    "<a>&</a>",
    "<a>&nbsp;</a>",
    "<a><b></a></b>",
    '<a x="1" x="2"/>',
    "<a x=1/>",
    "<a>\u0001</a>",
    "<a/><b/>",
    "<a>",
    "text<a/>",
    '<a x="<"/>',
  ]) {
    assert.throws(() => parseXML(bad), SyntaxError, bad);
  }
  assert.is(textOf(parseXML("<a>x &amp; &lt;y&gt; &#39;&#x263a;<b>!</b></a>")), "x & <y> '☺!");
});

Plot("the loss curve: tick values on both axes, axis titles, a legend, one point per epoch", () => {
  const loss = [1.2, 0.8, 0.55, 0.4, 0.33];
  const svg = lossCurveSVG(loss, { accuracy: [0.71, 0.8, 0.86, 0.9, 0.91] });
  const shown = texts(svg);
  for (const label of ["Training loss", "epoch", "loss", "held-out accuracy", "0.2", "0.4", "1.2", "0.70", "0.90", "1", "5"]) {
    assert.ok(shown.includes(label), `"${label}" is written on the chart: ${JSON.stringify(shown)}`);
  }
  const root = parseXML(svg);
  const lossLine = findAll(root, "g").find((g) => g.attributes.class === "loss");
  assert.is(findAll(lossLine, "circle").length, 5, "a marker per epoch");
  assert.is(findAll(lossLine, "polyline")[0].attributes.points.split(" ").length, 5);
  assert.is(findAll(root, "g").filter((g) => g.attributes.class === "legend").length, 1);
  assert.not.ok(lossCurveSVG(loss).includes("held-out accuracy"), "no accuracy axis unless given");
});

Plot("tick labels read as their values: no 0.30000000000000004, exponents for tiny and huge losses", () => {
  const cases = [
    [
      [0.1, 0.3],
      ["0.10", "0.30"],
    ],
    [
      [2e-7, 5e-7],
      ["2e-7", "5e-7"],
    ],
    [
      [3e9, 9e9],
      ["4e+9", "8e+9"],
    ],
    [
      [7, 7],
      ["6.0", "7.5", "8.0"],
    ],
  ];
  for (const [loss, expected] of cases) {
    const shown = texts(lossCurveSVG(loss));
    for (const label of expected) assert.ok(shown.includes(label), `${loss}: "${label}" in ${JSON.stringify(shown)}`);
    assert.not.ok(
      shown.some((s) => /\d{7,}/.test(s)),
      `${loss}: no long digit runs in ${JSON.stringify(shown)}`,
    );
  }
  // A range narrower than 1e-290 is widened around its ends, so its ticks still bracket it.
  const tiny = [-2.444331295417279e-290, -1.623845702186683e-290];
  const left = findAll(parseXML(lossCurveSVG(tiny)), "g").find((g) => g.attributes.class === "axis left");
  const ticks = findAll(left, "text")
    .slice(0, -1)
    .map((t) => Number(textOf(t)));
  assert.ok(ticks[0] <= tiny[0] && ticks[ticks.length - 1] >= tiny[1], `ticks ${ticks} around ${tiny}`);
});

Plot("the confusion matrix: class names on both axes, each count in its cell, shades by count", () => {
  const labels = ["setosa", "versicolor", "virginica"];
  const matrix = [
    [10, 0, 0],
    [0, 9, 1],
    [0, 2, 8],
  ];
  const root = parseXML(confusionMatrixSVG({ labels, matrix }));
  const group = (name) => findAll(root, "g").find((g) => g.attributes.class === name);
  assert.equal(findAll(group("true-classes"), "text").map(textOf), labels);
  assert.equal(findAll(group("predicted-classes"), "text").map(textOf), labels);
  assert.equal(findAll(group("counts"), "text").map(textOf), matrix.flat().map(String));
  const fills = findAll(group("cells"), "rect").map((r) => r.attributes.fill);
  assert.is(fills.length, 9);
  assert.is(fills[0], "rgb(8,48,107)", "the largest count is the darkest");
  assert.is(fills[1], "rgb(247,251,255)", "zero is near-white");
  const shown = texts(confusionMatrixSVG({ labels, matrix }));
  for (const label of ["predicted", "true", "count", "0", "10"]) assert.ok(shown.includes(label), `"${label}" on the chart`);
  // A confusion matrix as wasmax computes it.
  const computed = wasmax.confusionMatrix(["a", "b", "b", "a"], ["a", "b", "a", "a"]);
  assert.equal(
    findAll(parseXML(confusionMatrixSVG(computed)), "text")
      .map(textOf)
      .slice(1, 5),
    ["2", "0", "1", "1"],
  );
});

Plot("text is escaped: class names with < & and quotes read back as written, in text and tooltips", () => {
  const nasty = [`<b>"x"</b>`, "a & b", `it's "quoted"`, "\u0000nul", "x".repeat(40)];
  const svg = confusionMatrixSVG({ labels: nasty, matrix: nasty.map(() => nasty.map(() => 1)) }, { title: "<&>" });
  assert.not.ok(svg.includes("<b>"), "no markup from a label");
  const root = parseXML(svg);
  const names = findAll(root, "g").find((g) => g.attributes.class === "true-classes");
  const shown = findAll(names, "text").map((t) => t.children.filter((c) => typeof c === "string").join(""));
  assert.equal(shown.slice(0, 3), nasty.slice(0, 3));
  assert.is(shown[3], "\uFFFDnul", "a character XML forbids becomes U+FFFD");
  assert.is(shown[4], `${"x".repeat(23)}…`, "long names are cut");
  assert.is(textOf(findAll(findAll(names, "text")[4], "title")[0]), "x".repeat(40), "with the whole name as a tooltip");
  assert.is(textOf(findAll(root, "title")[0]), "<&>");

  // Legend entries too: escaped, and cut with a tooltip when long.
  const long = `${"y".repeat(30)} & <more>`;
  const regions = parseXML(decisionRegionsSVG((grid) => grid.map(() => long), [[0, 0]], [`<b>"x"</b>`], { resolution: 4 }));
  const legend = findAll(
    findAll(regions, "g").find((g) => g.attributes.class === "legend"),
    "text",
  );
  assert.equal(
    legend.map((t) => t.children.filter((c) => typeof c === "string").join("")),
    [`<b>"x"</b>`, `${"y".repeat(27)}…`],
  );
  assert.is(textOf(findAll(legend[1], "title")[0]), long);
});

Plot("decision regions: a function or a model predicts every grid cell; points keep their class colour", () => {
  const X = [
    [2.2, 50],
    [3.9, 95],
    [3.0, 70],
    [2.6, 85],
  ];
  const y = X.map(admissionsRule);
  const calls = [];
  const svg = decisionRegionsSVG(
    (points) => {
      calls.push(points.length);
      assert.ok(points.every((p) => Array.isArray(p) && p.length === 2));
      return points.map(admissionsRule);
    },
    X,
    y,
    { featureNames: ["GPA", "exam"], resolution: 30 },
  );
  assert.equal(calls.length, 1, "predict is called once, with the whole grid");
  const root = parseXML(svg);
  const groups = Object.fromEntries(findAll(root, "g").map((g) => [g.attributes.class, g]));
  assert.is(groups.points.children.length, 4);
  const colours = new Set(findAll(groups.regions, "rect").map((r) => r.attributes.fill));
  assert.is(colours.size, 3, "three classes, three region colours");
  const shown = texts(svg);
  for (const label of ["GPA", "exam", "admitted", "rejected", "waitlisted", "Decision regions"]) assert.ok(shown.includes(label), label);
  assert.ok(shown.includes("3.0") && shown.includes("60"), `tick values on both axes: ${JSON.stringify(shown)}`);
  // The frame names its domain, which holds every tick value.
  const frame = findAll(root, "rect").find((r) => r.attributes.class === "frame");
  const ticks = (side) =>
    findAll(
      findAll(root, "g").find((g) => g.attributes.class === `axis ${side}`),
      "text",
    )
      .slice(0, -1)
      .map((t) => Number(textOf(t)));
  for (const [side, domain] of [
    ["bottom", "data-x-domain"],
    ["left", "data-y-domain"],
  ]) {
    const [lo, hi] = frame.attributes[domain].split(" ").map(Number);
    const values = ticks(side);
    assert.ok(values.length >= 2 && lo <= values[0] && values[values.length - 1] <= hi, `${domain} ${lo} ${hi} vs ${values}`);
    // The data, padded by 5% of its range: GPA 2.2 … 3.9 and exam 50 … 95.
    const [min, max] = side === "bottom" ? [2.2, 3.9] : [50, 95];
    assert.ok(
      Math.abs(lo - (min - 0.05 * (max - min))) < 1e-9 && Math.abs(hi - (max + 0.05 * (max - min))) < 1e-9,
      `${domain}: ${lo} ${hi}`,
    );
  }

  // A fitted wasmax model, passed as itself.
  const model = new wasmax.SoftmaxRegression({ randomState: 0 }).fit(X, y);
  try {
    const fromModel = parseXML(decisionRegionsSVG(model, X, y, { resolution: 20 }));
    const rects = findAll(
      findAll(fromModel, "g").find((g) => g.attributes.class === "regions"),
      "rect",
    );
    assert.ok(rects.length >= 10, "at least one run per grid row");
  } finally {
    model.dispose();
  }
});

Plot("bad input is a TypeError or a RangeError that names the argument", () => {
  rejects(() => lossCurveSVG([]), RangeError, /lossCurveSVG: loss is empty/);
  rejects(() => lossCurveSVG([1, 2, NaN]), RangeError, /loss\[2\] is NaN/);
  rejects(() => lossCurveSVG([1, Infinity]), RangeError, /loss\[1\] is Infinity/);
  rejects(() => lossCurveSVG("1,2"), TypeError, /loss must be an array of numbers/);
  rejects(() => lossCurveSVG([1, "2"]), TypeError, /loss\[1\] must be a number/);
  rejects(() => lossCurveSVG([1, 2], { accuracy: [0.5] }), RangeError, /accuracy has 1 values and loss 2/);
  rejects(() => lossCurveSVG([1, 2], { accuracy: [0.5, 50] }), RangeError, /accuracy\[1\] is 50, not a fraction/);
  rejects(() => lossCurveSVG([1], { width: 10 }), RangeError, /width must be in \[200, 4000\], got 10/);
  rejects(() => lossCurveSVG([1], "wide"), TypeError, /options must be an object/);
  // A misspelt option is refused by name, not ignored; the wrong kind of value is named as it is.
  rejects(
    () => lossCurveSVG([1], { titel: "x" }),
    TypeError,
    /lossCurveSVG: options: unknown option "titel"; valid options are accuracy, title/,
  );
  rejects(() => confusionMatrixSVG({ labels: ["a"], matrix: [[1]] }, { cellsize: 20 }), TypeError, /unknown option "cellsize"/);
  rejects(() => decisionRegionsSVG(() => ["a"], [[0, 0]], ["a"], { resolutoin: 10 }), TypeError, /unknown option "resolutoin"/);
  rejects(() => lossCurveSVG(undefined), TypeError, /loss must be an array of numbers, got undefined$/);
  rejects(() => decisionRegionsSVG(() => ["a"], [{ x: 0, y: 0 }], ["a"]), TypeError, /X\[0\] must be a row of two numbers, got an object$/);
  rejects(() => lossCurveSVG([-1e308, 1e308]), RangeError, /span too wide a range/);

  rejects(() => confusionMatrixSVG(null), TypeError, /confusion must be \{ labels, matrix \}/);
  rejects(() => confusionMatrixSVG({ labels: [], matrix: [] }), RangeError, /labels is empty/);
  rejects(() => confusionMatrixSVG({ labels: ["a", "b"], matrix: [[1, 2]] }), RangeError, /matrix has 1 rows for 2 labels/);
  rejects(() => confusionMatrixSVG({ labels: ["a", "b"], matrix: [[1, 2], [3]] }), RangeError, /matrix\[1\] has 1 counts for 2 labels/);
  rejects(() => confusionMatrixSVG({ labels: ["a"], matrix: [[-1]] }), RangeError, /matrix\[0\]\[0\] is -1: counts cannot be negative/);
  rejects(() => confusionMatrixSVG({ labels: ["a"], matrix: [[NaN]] }), RangeError, /matrix\[0\]\[0\] is NaN/);
  rejects(() => confusionMatrixSVG({ labels: [{}], matrix: [[1]] }), TypeError, /labels\[0\] must be a class label/);

  const predict = (points) => points.map(() => "a");
  rejects(() => decisionRegionsSVG(42, [[0, 0]], ["a"]), TypeError, /model must be a function or have a predict method/);
  rejects(() => decisionRegionsSVG(predict, [], []), RangeError, /y is empty/);
  rejects(() => decisionRegionsSVG(predict, [[0, 0]], ["a", "b"]), RangeError, /X has 1 rows and y 2 labels/);
  rejects(() => decisionRegionsSVG(predict, [[0, 0, 0]], ["a"]), RangeError, /X\[0\] has 3 features: decision regions need exactly two/);
  rejects(() => decisionRegionsSVG(predict, [[0, NaN]], ["a"]), RangeError, /X\[0\]\[1\] is NaN/);
  rejects(() => decisionRegionsSVG(predict, [0, 1, 2], ["a"]), RangeError, /X is flat with 3 numbers: 2 .* expected/);
  rejects(() => decisionRegionsSVG(() => ["a"], [[0, 0]], ["a"]), RangeError, /the model returned 1 predictions for \d+ grid points/);
  rejects(() => decisionRegionsSVG(() => null, [[0, 0]], ["a"]), TypeError, /the predictions must be an array of class labels/);
  rejects(() => decisionRegionsSVG(predict, [[0, 0]], ["b"], { classes: ["b"] }), RangeError, /the label "a" is not in options.classes/);
  rejects(() => decisionRegionsSVG(predict, [[0, 0]], ["a"], { featureNames: ["x"] }), RangeError, /featureNames has 1 names: give two/);
});

Plot.run();
