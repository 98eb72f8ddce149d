// Decision regions of a two-feature classifier: the model's prediction over a grid covering the
// data, painted as light class colours, with the data points on top coloured (and shaped) by class.

import { bottomAxis, chartTitle, INK, legendRows, sideAxis, verticalAxisWidth, type Frame } from "./axes.js";
import { describe, finiteNumber, labelList, optionsObject, sizeOption, sortLabels, textOption, type Label } from "./checks.js";
import { classColour, marker, regionColour } from "./palette.js";
import { element, svgDocument } from "./svg.js";
import { extent, linearScale, niceAxis, type Axis } from "./ticks.js";

/**
 * What predicts the class of points: a function, or an object with a `predict` method (a fitted
 * wasmax model or pipeline). It is called once, with every grid point as a row [x0, x1], and must
 * return one label per row.
 */
export type Predictor =
  | ((points: number[][]) => ArrayLike<Label>)
  | {
      /** The class of each row of `points`. */
      predict(points: number[][]): ArrayLike<Label>;
    };

/** Options of {@link decisionRegionsSVG}. */
export interface DecisionRegionsOptions {
  /** Names of the two features, the axes' titles. @default ["feature 1", "feature 2"] */
  featureNames?: readonly string[];
  /**
   * The classes, in legend and colour order; every label in y and in the predictions must be one.
   * @default the sorted labels of y and of the predictions
   */
  classes?: ArrayLike<Label>;
  /** Grid cells along the horizontal axis, in [2, 400]; the vertical count keeps cells square. @default 120 */
  resolution?: number;
  /** @default "Decision regions" */
  title?: string;
  /** Pixels, in [200, 4000]. @default 560 */
  width?: number;
  /** Pixels, in [150, 4000]. @default 460 */
  height?: number;
}

/**
 * Decision regions as an SVG document: `model` predicts each cell of a grid over the data's range
 * (padded by 5% on each side), the cells are filled with their class's light colour, and the
 * points of `X` (rows of two features, or a flat array of pairs) are drawn over them in their class
 * `y`'s colour and marker shape. Axes with tick values, feature names, a legend of the classes.
 * The plot area is the rect of class "frame"; its data-x-domain and data-y-domain attributes hold
 * each axis's ends ("lo hi"), so a page can map a pointer position back to feature values.
 * Throws a TypeError for a wrong kind of argument or prediction, a RangeError for no points, rows
 * that are not pairs, X and y of different lengths, a NaN or infinite value, a prediction count other
 * than the grid's, or a label missing from options.classes.
 */
export function decisionRegionsSVG(
  model: Predictor,
  X: ArrayLike<ArrayLike<number>> | ArrayLike<number>,
  y: ArrayLike<Label>,
  options?: DecisionRegionsOptions,
): string {
  const predict = predictor(model);
  const o = optionsObject("decisionRegionsSVG: options", options, ["featureNames", "classes", "resolution", "title", "width", "height"]);
  const labels = labelList("decisionRegionsSVG: y", y);
  const points = pairs(X, labels.length);
  const names = featureNames(o.featureNames);
  const resolution = Math.round(sizeOption("decisionRegionsSVG: options.resolution", o.resolution, 120, 2, 400));
  const title = textOption("decisionRegionsSVG: options.title", o.title, "Decision regions");
  const width = sizeOption("decisionRegionsSVG: options.width", o.width, 560, 200, 4000);
  const height = sizeOption("decisionRegionsSVG: options.height", o.height, 460, 150, 4000);

  const xAxis = paddedAxis(
    "decisionRegionsSVG: X[][0]",
    points.map((p) => p[0]),
  );
  const yAxis = paddedAxis(
    "decisionRegionsSVG: X[][1]",
    points.map((p) => p[1]),
  );
  // The grid is needed before the legend (whose classes come from the predictions): lay out for one
  // legend row; if the legend wraps, the frame shrinks and its cells are a little less than square.
  const left = verticalAxisWidth(yAxis) + 8;
  const top = 40 + 18 + 8;
  const frame: Frame = { left, top, width: Math.max(40, width - left - 20), height: Math.max(40, height - top - 52) };
  const columns = resolution;
  const rows = Math.max(2, Math.round((resolution * frame.height) / frame.width));
  const grid: number[][] = [];
  for (let r = 0; r < rows; r++) {
    const v = yAxis.hi - ((r + 0.5) / rows) * (yAxis.hi - yAxis.lo);
    for (let c = 0; c < columns; c++) grid.push([xAxis.lo + ((c + 0.5) / columns) * (xAxis.hi - xAxis.lo), v]);
  }
  const predicted = labelList("decisionRegionsSVG: the predictions", predict(grid), true);
  if (predicted.length !== grid.length) {
    throw new RangeError(`decisionRegionsSVG: the model returned ${predicted.length} predictions for ${grid.length} grid points`);
  }
  const classes = classOrder(o.classes, labels, predicted);
  const index = new Map(classes.map((c, i) => [c, i]));

  const legend = legendRows(
    classes.map((c, i) => ({
      marker: element("rect", { x: -7, y: -7, width: 14, height: 14, fill: regionColour(i) }) + marker(i, 0, 0, 8, classColour(i)),
      label: String(c),
    })),
    width,
    34,
  );
  // More legend rows than the one planned push the frame down.
  frame.top += Math.max(0, legend.height - 18);
  frame.height = Math.max(40, height - frame.top - 52);
  const px = linearScale(xAxis.lo, xAxis.hi, frame.left, frame.left + frame.width);
  const py = linearScale(yAxis.lo, yAxis.hi, frame.top + frame.height, frame.top);

  // One rectangle per run of equal predictions along a grid row; cell edges come from one formula,
  // so neighbouring runs share their edges exactly.
  const edgeX = (c: number) => frame.left + (c / columns) * frame.width;
  const edgeY = (r: number) => frame.top + (r / rows) * frame.height;
  const regions: string[] = [];
  for (let r = 0; r < rows; r++) {
    let start = 0;
    for (let c = 1; c <= columns; c++) {
      const current = predicted[r * columns + start]!;
      if (c < columns && predicted[r * columns + c] === current) continue;
      const x = edgeX(start);
      const y = edgeY(r);
      regions.push(element("rect", { x, y, width: edgeX(c) - x, height: edgeY(r + 1) - y, fill: regionColour(index.get(current)!) }));
      start = c;
    }
  }
  const dots = points.map(([a, b], i) => {
    const k = index.get(labels[i]!)!;
    return marker(k, px(a), py(b), 7, classColour(k));
  });
  return svgDocument(width, height, title, [
    chartTitle(title, width),
    ...legend.parts,
    element("g", { class: "regions", "shape-rendering": "crispEdges" }, regions.join("")),
    ...sideAxis(frame, yAxis, py, names[1]!, "left", INK, false),
    ...bottomAxis(frame, xAxis, px, names[0]!, false),
    element("rect", {
      class: "frame",
      x: frame.left,
      y: frame.top,
      width: frame.width,
      height: frame.height,
      fill: "none",
      stroke: INK,
      "data-x-domain": `${xAxis.lo} ${xAxis.hi}`,
      "data-y-domain": `${yAxis.lo} ${yAxis.hi}`,
    }),
    element("g", { class: "points" }, dots.join("")),
  ]);
}

/** The predict function of `model`. */
function predictor(model: unknown): (points: number[][]) => unknown {
  if (typeof model === "function") return model as (points: number[][]) => unknown;
  if (typeof model === "object" && model !== null && typeof (model as { predict?: unknown }).predict === "function") {
    return (points) => (model as { predict(points: number[][]): unknown }).predict(points);
  }
  throw new TypeError(`decisionRegionsSVG: model must be a function or have a predict method, got ${describe(model)}`);
}

/** X as n pairs of finite numbers: rows of two, or a flat array of 2n numbers. */
function pairs(X: unknown, n: number): [number, number][] {
  const where = "decisionRegionsSVG: X";
  if (typeof X !== "object" || X === null || typeof (X as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${where} must be rows of two numbers or a flat array of pairs, got ${describe(X)}`);
  }
  const list = X as ArrayLike<unknown>;
  if (list.length > 0 && typeof list[0] === "number") {
    if (list.length !== 2 * n) throw new RangeError(`${where} is flat with ${list.length} numbers: ${2 * n} (two per label in y) expected`);
    return Array.from({ length: n }, (_, i) => [
      finiteNumber(`${where}[${2 * i}]`, list[2 * i]),
      finiteNumber(`${where}[${2 * i + 1}]`, list[2 * i + 1]),
    ]);
  }
  if (list.length !== n) throw new RangeError(`${where} has ${list.length} rows and y ${n} labels: one label per row`);
  return Array.from({ length: n }, (_, i) => {
    const row = list[i];
    if (typeof row !== "object" || row === null || typeof (row as ArrayLike<unknown>).length !== "number") {
      throw new TypeError(`${where}[${i}] must be a row of two numbers, got ${describe(row)}`);
    }
    const values = row as ArrayLike<unknown>;
    if (values.length !== 2) throw new RangeError(`${where}[${i}] has ${values.length} features: decision regions need exactly two`);
    return [finiteNumber(`${where}[${i}][0]`, values[0]), finiteNumber(`${where}[${i}][1]`, values[1])];
  });
}

/**
 * An axis over `values` padded by 5% of their range on each side, with the tick values inside that
 * range (the grid covers only it); a range too narrow for two ticks takes the nice axis around it.
 */
function paddedAxis(where: string, values: number[]): Axis {
  const [lo, hi] = extent(values);
  const pad = (hi - lo) * 0.05;
  const axis = niceAxis(where, lo - pad, hi + pad, 8);
  const inside = axis.ticks.map((t, i) => [t, axis.labels[i]!] as const).filter(([t]) => t >= lo - pad && t <= hi + pad);
  if (inside.length < 2) return axis;
  return { lo: lo - pad, hi: hi + pad, ticks: inside.map(([t]) => t), labels: inside.map(([, l]) => l) };
}

/** The two axis titles. */
function featureNames(value: unknown): string[] {
  if (value === undefined) return ["feature 1", "feature 2"];
  const names = labelList("decisionRegionsSVG: options.featureNames", value).map(String);
  if (names.length !== 2) throw new RangeError(`decisionRegionsSVG: options.featureNames has ${names.length} names: give two`);
  return names;
}

/** options.classes (checked to hold every label), else the sorted labels seen. */
function classOrder(given: unknown, labels: Label[], predicted: Label[]): Label[] {
  if (given === undefined) return sortLabels([...labels, ...predicted]);
  const classes = labelList("decisionRegionsSVG: options.classes", given);
  if (new Set(classes).size !== classes.length) throw new RangeError("decisionRegionsSVG: options.classes lists a class twice");
  const known = new Set(classes);
  const missing = labels.find((l) => !known.has(l)) ?? predicted.find((l) => !known.has(l));
  if (missing !== undefined) throw new RangeError(`decisionRegionsSVG: the label ${JSON.stringify(missing)} is not in options.classes`);
  return classes;
}
