// The parts every chart shares: the plot frame, axes with tick marks, tick values and titles,
// light grid lines, the chart title and a legend row. Pixel layout only; the charts decide what
// is drawn inside the frame.

import type { Axis } from "./ticks.js";
import { element, escapeXML, num, text, textWidth, truncate } from "./svg.js";

/** The plot area, in pixels from the document's top-left corner. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const INK = "#333";
const GRID = "#e6e6e6";
const TICK = 5;

/** The chart title, centred at the top. */
export function chartTitle(title: string, width: number): string {
  return text(title, { x: width / 2, y: 20, "text-anchor": "middle", "font-size": 15, "font-weight": "bold", fill: INK });
}

/** Space a vertical axis needs for its tick labels and title, in pixels. */
export function verticalAxisWidth(axis: Axis): number {
  return longest(axis.labels) + TICK + 28;
}

/**
 * A horizontal axis under the frame: grid lines (if `grid`), then one group (class "axis bottom")
 * with the axis line, tick marks, the tick values (group "tick-values") and `title` below.
 */
export function bottomAxis(frame: Frame, axis: Axis, x: (value: number) => number, title: string, grid = true): string[] {
  const bottom = frame.top + frame.height;
  const gridLines: string[] = [];
  const marks: string[] = [];
  const values: string[] = [];
  axis.ticks.forEach((tick, i) => {
    const px = x(tick);
    gridLines.push(element("line", { x1: px, y1: frame.top, x2: px, y2: bottom }));
    marks.push(element("line", { x1: px, y1: bottom, x2: px, y2: bottom + TICK }));
    values.push(text(axis.labels[i]!, { x: px, y: bottom + TICK + 13 }));
  });
  return [
    ...(grid ? [element("g", { class: "grid", stroke: GRID }, gridLines.join(""))] : []),
    element(
      "g",
      { class: "axis bottom", fill: INK, stroke: INK },
      element("line", { x1: frame.left, y1: bottom, x2: frame.left + frame.width, y2: bottom }) +
        marks.join("") +
        element("g", { class: "tick-values", stroke: "none", "text-anchor": "middle" }, values.join("")) +
        text(title, {
          class: "axis-title",
          x: frame.left + frame.width / 2,
          y: bottom + TICK + 34,
          stroke: "none",
          "text-anchor": "middle",
        }),
    ),
  ];
}

/**
 * A vertical axis on the frame's left (or right) side: grid lines across the frame (if `grid`), then
 * one group (class "axis left" or "axis right") with the axis line, tick marks, the tick values
 * (group "tick-values") and `title` turned to read upwards.
 */
export function sideAxis(
  frame: Frame,
  axis: Axis,
  y: (value: number) => number,
  title: string,
  side: "left" | "right",
  colour = INK,
  grid = side === "left",
): string[] {
  const edge = side === "left" ? frame.left : frame.left + frame.width;
  const out = side === "left" ? -1 : 1;
  const gridLines: string[] = [];
  const marks: string[] = [];
  const values: string[] = [];
  axis.ticks.forEach((tick, i) => {
    const py = y(tick);
    gridLines.push(element("line", { x1: frame.left, y1: py, x2: frame.left + frame.width, y2: py }));
    marks.push(element("line", { x1: edge, y1: py, x2: edge + out * TICK, y2: py }));
    values.push(text(axis.labels[i]!, { x: edge + out * (TICK + 3), y: py + 4 }));
  });
  const tx = edge + out * (TICK + 3 + longest(axis.labels) + 12);
  const ty = frame.top + frame.height / 2;
  const turned = {
    class: "axis-title",
    x: tx,
    y: ty,
    stroke: "none",
    "text-anchor": "middle",
    transform: `rotate(-90 ${num(tx)} ${num(ty)})`,
  };
  return [
    ...(grid ? [element("g", { class: "grid", stroke: GRID }, gridLines.join(""))] : []),
    element(
      "g",
      { class: `axis ${side}`, fill: colour, stroke: colour },
      element("line", { x1: edge, y1: frame.top, x2: edge, y2: frame.top + frame.height }) +
        marks.join("") +
        element("g", { class: "tick-values", stroke: "none", "text-anchor": side === "left" ? "end" : "start" }, values.join("")) +
        text(title, turned),
    ),
  ];
}

/** One legend entry: a marker (drawn centred on 0,0, about 12 pixels wide) and its text. */
export interface LegendEntry {
  marker: string;
  label: string;
}

/** Legend texts longer than this are cut, with the whole text as a tooltip. */
const LEGEND_CHARS = 28;

/** Legend entries in a row centred under the title, wrapping to more rows when wider than `width`. */
export function legendRows(given: LegendEntry[], width: number, top: number): { parts: string[]; height: number } {
  const entries = given.map((entry) => ({ ...entry, shown: truncate(entry.label, LEGEND_CHARS) }));
  const rows: { entries: typeof entries; width: number }[] = [];
  for (const entry of entries) {
    const w = 20 + textWidth(entry.shown) + 18;
    const row = rows[rows.length - 1];
    if (row && row.width + w <= width - 40) {
      row.entries.push(entry);
      row.width += w;
    } else rows.push({ entries: [entry], width: w });
  }
  const parts: string[] = [];
  rows.forEach((row, r) => {
    let x = (width - row.width) / 2;
    const y = top + r * 18 + 6;
    for (const entry of row.entries) {
      parts.push(element("g", { transform: `translate(${num(x + 6)} ${num(y)})` }, entry.marker));
      const tooltip = entry.shown === entry.label ? "" : element("title", {}, escapeXML(entry.label));
      parts.push(element("text", { x: x + 20, y: y + 4, fill: INK }, escapeXML(entry.shown) + tooltip));
      x += 20 + textWidth(entry.shown) + 18;
    }
  });
  return { parts: rows.length ? [element("g", { class: "legend" }, parts.join(""))] : [], height: rows.length * 18 };
}

/** Width of the widest of `labels` (0 for none). */
export function longest(labels: string[], size = 12): number {
  return labels.reduce((w, l) => Math.max(w, textWidth(l, size)), 0);
}
