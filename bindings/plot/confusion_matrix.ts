// The confusion matrix as a heat map: true classes down the left, predicted classes along the
// bottom, the count in each cell, and a colour bar with its scale at the right.

import { chartTitle, INK, longest, sideAxis, type Frame } from "./axes.js";
import { describe, finiteNumber, labelList, optionsObject, sizeOption, textOption, type Label } from "./checks.js";
import { heatColour } from "./palette.js";
import { element, escapeXML, num, svgDocument, text, truncate } from "./svg.js";
import { linearScale, niceAxis } from "./ticks.js";

/** A confusion matrix as wasmax's `confusionMatrix(yTrue, yPred)` returns it. */
export interface ConfusionMatrixInput {
  /** The classes, in the order of the matrix's rows and columns. */
  labels: ArrayLike<Label>;
  /** matrix[t][p]: how many rows of true class labels[t] were predicted labels[p] (any non-negative numbers). */
  matrix: ArrayLike<ArrayLike<number>>;
}

/** Options of {@link confusionMatrixSVG}. */
export interface ConfusionMatrixOptions {
  /** @default "Confusion matrix" */
  title?: string;
  /** The horizontal axis's title. @default "predicted" */
  xLabel?: string;
  /** The vertical axis's title. @default "true" */
  yLabel?: string;
  /** The colour bar's title. @default "count" */
  valueLabel?: string;
  /** A cell's side in pixels, in [4, 120]; counts are written in cells of 16 pixels or more. @default 440 / classes, within [16, 48] */
  cellSize?: number;
}

/** Class names longer than this are cut, with the whole name in a tooltip. */
const NAME_CHARS = 24;
const BAR_STEPS = 32;

/**
 * The confusion matrix as an SVG heat map: class names on both axes, the count in each cell (when
 * cells are large enough), darker for more, and a colour bar from 0 to the largest count.
 * Throws a TypeError for a wrong kind of argument, a RangeError for no classes, a matrix that is not
 * classes × classes, or a count that is negative, NaN or infinite.
 */
export function confusionMatrixSVG(confusion: ConfusionMatrixInput, options?: ConfusionMatrixOptions): string {
  if (typeof confusion !== "object" || confusion === null) {
    throw new TypeError(
      `confusionMatrixSVG: confusion must be { labels, matrix } (as confusionMatrix returns), got ${describe(confusion)}`,
    );
  }
  const o = optionsObject("confusionMatrixSVG: options", options, ["title", "xLabel", "yLabel", "valueLabel", "cellSize"]);
  const labels = labelList("confusionMatrixSVG: labels", confusion.labels);
  const matrix = countMatrix(confusion.matrix, labels.length);
  const title = textOption("confusionMatrixSVG: options.title", o.title, "Confusion matrix");
  const xLabel = textOption("confusionMatrixSVG: options.xLabel", o.xLabel, "predicted");
  const yLabel = textOption("confusionMatrixSVG: options.yLabel", o.yLabel, "true");
  const valueLabel = textOption("confusionMatrixSVG: options.valueLabel", o.valueLabel, "count");
  const k = labels.length;
  const cell = sizeOption("confusionMatrixSVG: options.cellSize", o.cellSize, Math.min(48, Math.max(16, Math.floor(440 / k))), 4, 120);

  const names = labels.map((l) => String(l));
  const shown = names.map((name) => truncate(name, NAME_CHARS));
  const nameWidth = longest(shown);
  // Column names lie flat when each fits its cell, else turn 45 degrees.
  const turned = nameWidth > cell - 4;
  const columnNamesHeight = turned ? nameWidth * 0.71 + 14 : 18;
  const max = matrix.reduce((m, row) => row.reduce((a, b) => Math.max(a, b), m), 0);
  const top = max > 0 ? max : 1;
  const barAxis = niceAxis("confusionMatrixSVG: counts", 0, top, 4, Number.isInteger(top));
  const kept = barAxis.ticks.map((t, i) => [t, barAxis.labels[i]!] as const).filter(([t]) => t <= top);
  const bar = { ...barAxis, lo: 0, hi: top, ticks: kept.map(([t]) => t), labels: kept.map(([, l]) => l) };
  const frame: Frame = { left: 24 + 10 + nameWidth + 8, top: 42, width: k * cell, height: k * cell };
  const barFrame: Frame = { left: frame.left + frame.width + 18, top: frame.top, width: 14, height: Math.max(frame.height, 120) };
  const width = Math.ceil(barFrame.left + barFrame.width + 8 + longest(bar.labels) + 30);
  const height = Math.ceil(frame.top + Math.max(frame.height, barFrame.height) + columnNamesHeight + 30);

  const cells: string[] = [];
  const counts: string[] = [];
  const fontSize = Math.min(12, cell * 0.4);
  matrix.forEach((row, t) =>
    row.forEach((n, p) => {
      const x = frame.left + p * cell;
      const y = frame.top + t * cell;
      cells.push(element("rect", { x, y, width: cell, height: cell, fill: heatColour(n / top) }));
      if (cell >= 16) {
        const attributes = { x: x + cell / 2, y: y + cell / 2 + fontSize * 0.35, fill: n / top > 0.55 ? "#fff" : INK };
        counts.push(text(countText(n), { ...attributes, "text-anchor": "middle" }));
      }
    }),
  );
  const rowNames = shown.map((name, t) =>
    named(name, names[t]!, { x: frame.left - 8, y: frame.top + (t + 0.5) * cell + 4, "text-anchor": "end" }),
  );
  const columnNames = shown.map((name, p) => {
    const x = frame.left + (p + 0.5) * cell;
    const y = frame.top + frame.height + 14;
    return turned
      ? named(name, names[p]!, { x, y, "text-anchor": "end", transform: `rotate(-45 ${num(x)} ${num(y - 4)})` })
      : named(name, names[p]!, { x, y, "text-anchor": "middle" });
  });
  const yTitleY = frame.top + frame.height / 2;
  const barScale = linearScale(0, top, barFrame.top + barFrame.height, barFrame.top);
  const barSteps = Array.from({ length: BAR_STEPS }, (_, i) =>
    element("rect", {
      x: barFrame.left,
      y: barFrame.top + (barFrame.height * (BAR_STEPS - 1 - i)) / BAR_STEPS,
      width: barFrame.width,
      height: barFrame.height / BAR_STEPS + 0.5,
      fill: heatColour((i + 0.5) / BAR_STEPS),
    }),
  );
  return svgDocument(width, height, title, [
    chartTitle(title, width),
    element("g", { class: "cells", "shape-rendering": "crispEdges" }, cells.join("")),
    element("g", { class: "counts", "font-size": fontSize }, counts.join("")),
    element("rect", { x: frame.left, y: frame.top, width: frame.width, height: frame.height, fill: "none", stroke: INK }),
    element("g", { class: "true-classes", fill: INK }, rowNames.join("")),
    element("g", { class: "predicted-classes", fill: INK }, columnNames.join("")),
    text(yLabel, { x: 16, y: yTitleY, "text-anchor": "middle", transform: `rotate(-90 16 ${num(yTitleY)})`, fill: INK }),
    text(xLabel, {
      x: frame.left + frame.width / 2,
      y: frame.top + frame.height + columnNamesHeight + 20,
      "text-anchor": "middle",
      fill: INK,
    }),
    element("g", { class: "colour-bar", "shape-rendering": "crispEdges" }, barSteps.join("")),
    ...sideAxis(barFrame, bar, barScale, valueLabel, "right"),
  ]);
}

/** The matrix checked as k rows of k non-negative finite numbers. */
function countMatrix(matrix: unknown, k: number): number[][] {
  const where = "confusionMatrixSVG: matrix";
  if (typeof matrix !== "object" || matrix === null || typeof (matrix as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`${where} must be an array of rows, got ${describe(matrix)}`);
  }
  const rows = Array.from(matrix as ArrayLike<unknown>);
  if (rows.length !== k) throw new RangeError(`${where} has ${rows.length} rows for ${k} labels: it must be labels × labels`);
  return rows.map((row, t) => {
    if (typeof row !== "object" || row === null || typeof (row as ArrayLike<unknown>).length !== "number") {
      throw new TypeError(`${where}[${t}] must be an array of counts, got ${describe(row)}`);
    }
    const values = Array.from(row as ArrayLike<unknown>);
    if (values.length !== k) throw new RangeError(`${where}[${t}] has ${values.length} counts for ${k} labels`);
    return values.map((v, p) => {
      const n = finiteNumber(`${where}[${t}][${p}]`, v);
      if (n < 0) throw new RangeError(`${where}[${t}][${p}] is ${n}: counts cannot be negative`);
      return n;
    });
  });
}

/** A count as written in its cell: integers whole, other values with three significant digits. */
function countText(n: number): string {
  if (Number.isInteger(n)) return n < 1e6 ? String(n) : n.toExponential(1);
  return n >= 1000 ? n.toExponential(1) : String(Number(n.toPrecision(3)));
}

/** A class name, with the whole name as a tooltip when it was cut. */
function named(shown: string, whole: string, attributes: Record<string, string | number>): string {
  return element("text", attributes, escapeXML(shown) + (shown === whole ? "" : `<title>${escapeXML(whole)}</title>`));
}
