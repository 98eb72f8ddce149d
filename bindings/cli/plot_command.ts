// `wasmax plot`: the decision regions of a model with two number columns, drawn over its CSV's
// points (coloured by their true class) as an SVG file (wasmax/plot's decisionRegionsSVG).

import type { Label } from "../api.js";
import { decisionRegionsSVG } from "../plot/decision_regions.js";
import { UsageError, args, integer } from "./arguments.js";
import { readRows } from "./csv_table.js";
import { inputName, messages, outputPath, writeOutput, type Io } from "./io.js";
import { load } from "./model_file.js";
import { about, modelName, modelRows } from "./table_data.js";

export async function plot(rest: string[], io: Io): Promise<void> {
  const { values, positionals } = args(rest, { output: { type: "string", short: "o" }, resolution: { type: "string" } }, 2);
  const resolution = integer("resolution", values["resolution"], 2);
  if (resolution !== undefined && resolution > 400) throw new UsageError(`--resolution must be at most 400, got ${resolution}`);
  const output = await outputPath(values["output"], "regions.svg");
  const modelPath = inputName(positionals[0]!);
  const { target, labelSeparator, pipeline, featureNames, textColumns } = await load(positionals[0]!, io);
  try {
    if (labelSeparator !== undefined)
      throw new Error(`${modelPath}: predicts label sets; plot draws the regions of a model that predicts one class per point`);
    if (featureNames.length !== 2 || textColumns.length > 0)
      throw new Error(
        `${modelPath}: plot draws a model of two number columns; this one reads ${featureNames.length} ` +
          `(${featureNames.join(", ")}${textColumns.length ? `; ${textColumns.join(", ")} as text` : ""})`,
      );
    const path = inputName(positionals[1]!);
    const csv = await readRows(positionals[1]!, io, { target, textColumns, columns: featureNames });
    const [a, b] = featureNames as [string, string];
    const points = modelRows(path, csv, featureNames).map((row) => [row[a] as number, row[b] as number]);
    const svg = await about(path, () =>
      decisionRegionsSVG((grid) => pipeline.predict(grid.map(([x, y]) => ({ [a]: x!, [b]: y! }))), points, csv.y as Label[], {
        featureNames,
        classes: pipeline.classes,
        title: `${modelName(pipeline.model)}: decision regions over ${path}`,
        ...(resolution !== undefined ? { resolution } : {}),
      }),
    );
    await writeOutput(output, svg, io);
    messages(output, io).write(`decision regions of ${featureNames.join(" × ")} with ${points.length} points → ${output}\n`);
  } finally {
    pipeline.dispose();
  }
}
