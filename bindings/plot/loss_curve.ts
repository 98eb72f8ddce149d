// The loss curve: training loss per epoch (or per L-BFGS iteration) on the left axis, and the
// held-out accuracy per epoch on a second axis at the right when given.

import { bottomAxis, chartTitle, legendRows, sideAxis, verticalAxisWidth, type Frame } from "./axes.js";
import { finiteSeries, optionsObject, sizeOption, textOption } from "./checks.js";
import { element, num, svgDocument } from "./svg.js";
import { extent, linearScale, niceAxis } from "./ticks.js";

/** Options of {@link lossCurveSVG}. */
export interface LossCurveOptions {
  /**
   * Held-out accuracy after each epoch, fractions in [0, 1], one per loss value; drawn dashed on a
   * second axis at the right.
   * @default undefined (no accuracy axis)
   */
  accuracy?: ArrayLike<number>;
  /** @default "Training loss" */
  title?: string;
  /** The horizontal axis's title. @default "epoch" */
  xLabel?: string;
  /** The left axis's title. @default "loss" */
  yLabel?: string;
  /** The right axis's title and the accuracy's legend entry. @default "held-out accuracy" */
  accuracyLabel?: string;
  /** Pixels, in [200, 4000]. @default 640 */
  width?: number;
  /** Pixels, in [150, 4000]. @default 400 */
  height?: number;
}

const LOSS_COLOUR = "#1f5fa8";
const ACCURACY_COLOUR = "#d1631b";
/** Curves with at most this many points also get a marker on each. */
const MARKED = 60;

/**
 * The loss curve as an SVG document: `loss[i]` is the loss after epoch (or iteration) i + 1, as a
 * model's `lossCurve` holds it. Axes with tick values and titles, and a legend.
 * Throws a TypeError for a non-array or a non-number, a RangeError for an empty curve, a value that
 * is NaN or infinite, an accuracy outside [0, 1] or of another length than loss.
 */
export function lossCurveSVG(loss: ArrayLike<number>, options?: LossCurveOptions): string {
  const o = optionsObject("lossCurveSVG: options", options, ["accuracy", "title", "xLabel", "yLabel", "accuracyLabel", "width", "height"]);
  const losses = finiteSeries("lossCurveSVG: loss", loss);
  const accuracy = o.accuracy === undefined ? undefined : finiteSeries("lossCurveSVG: options.accuracy", o.accuracy);
  if (accuracy) {
    if (accuracy.length !== losses.length) {
      throw new RangeError(
        `lossCurveSVG: options.accuracy has ${accuracy.length} values and loss ${losses.length}: give one accuracy per loss value`,
      );
    }
    const outside = accuracy.findIndex((a) => a < 0 || a > 1);
    if (outside >= 0) throw new RangeError(`lossCurveSVG: options.accuracy[${outside}] is ${accuracy[outside]}, not a fraction in [0, 1]`);
  }
  const title = textOption("lossCurveSVG: options.title", o.title, "Training loss");
  const xLabel = textOption("lossCurveSVG: options.xLabel", o.xLabel, "epoch");
  const yLabel = textOption("lossCurveSVG: options.yLabel", o.yLabel, "loss");
  const accuracyLabel = textOption("lossCurveSVG: options.accuracyLabel", o.accuracyLabel, "held-out accuracy");
  const width = sizeOption("lossCurveSVG: options.width", o.width, 640, 200, 4000);
  const height = sizeOption("lossCurveSVG: options.height", o.height, 400, 150, 4000);

  const n = losses.length;
  const xAxis = niceAxis("lossCurveSVG: epochs", 1, n, 8, true);
  const yAxis = niceAxis("lossCurveSVG: loss", ...extent(losses), 5);
  const accuracyAxis = accuracy ? fractionAxis(accuracy) : undefined;

  const legend = legendRows(
    [
      { marker: lineMarker(LOSS_COLOUR, ""), label: yLabel },
      ...(accuracyAxis ? [{ marker: lineMarker(ACCURACY_COLOUR, "5 3"), label: accuracyLabel }] : []),
    ],
    width,
    34,
  );
  const left = verticalAxisWidth(yAxis) + 8;
  const right = accuracyAxis ? verticalAxisWidth(accuracyAxis) + 8 : 20;
  const top = 40 + legend.height + 8;
  const frame: Frame = { left, top, width: Math.max(40, width - left - right), height: Math.max(40, height - top - 52) };
  const x = linearScale(xAxis.lo, xAxis.hi, frame.left, frame.left + frame.width);
  const yLoss = linearScale(yAxis.lo, yAxis.hi, frame.top + frame.height, frame.top);

  const body = [
    chartTitle(title, width),
    ...legend.parts,
    ...sideAxis(frame, yAxis, yLoss, yLabel, "left"),
    ...bottomAxis(frame, xAxis, x, xLabel),
    curve(losses, x, yLoss, LOSS_COLOUR, "", "loss"),
  ];
  if (accuracy && accuracyAxis) {
    const yAccuracy = linearScale(accuracyAxis.lo, accuracyAxis.hi, frame.top + frame.height, frame.top);
    body.push(...sideAxis(frame, accuracyAxis, yAccuracy, accuracyLabel, "right", ACCURACY_COLOUR));
    body.push(curve(accuracy, x, yAccuracy, ACCURACY_COLOUR, "5 3", "accuracy"));
  }
  return svgDocument(width, height, title, body);
}

/** An axis for fractions: nice ticks around the data, never beyond [0, 1]. */
function fractionAxis(values: number[]) {
  const axis = niceAxis("lossCurveSVG: options.accuracy", ...extent(values), 5);
  const kept = axis.ticks.map((t, i) => ({ t, label: axis.labels[i]! })).filter(({ t }) => t >= 0 && t <= 1);
  return { lo: Math.max(0, axis.lo), hi: Math.min(1, axis.hi), ticks: kept.map((k) => k.t), labels: kept.map((k) => k.label) };
}

/** One series as a polyline, with markers on each point when there are few. */
function curve(values: number[], x: (v: number) => number, y: (v: number) => number, colour: string, dash: string, name: string): string {
  const points = values.map((v, i) => `${num(x(i + 1))},${num(y(v))}`).join(" ");
  const line = element("polyline", {
    points,
    fill: "none",
    stroke: colour,
    "stroke-width": 2,
    "stroke-dasharray": dash || undefined,
    "stroke-linejoin": "round",
  });
  const markers =
    values.length <= MARKED ? values.map((v, i) => element("circle", { cx: x(i + 1), cy: y(v), r: 2.5, fill: colour })).join("") : "";
  return element("g", { class: name }, line + markers);
}

/** A short line, as a legend marker. */
function lineMarker(colour: string, dash: string): string {
  return element("line", { x1: -8, y1: 0, x2: 8, y2: 0, stroke: colour, "stroke-width": 2, "stroke-dasharray": dash || undefined });
}
