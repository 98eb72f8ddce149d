// `wasmax train --stream`: a CSV file larger than memory, read in two streaming passes. The first
// finds the classes (labels), the feature names and, with a scaler, each feature's mean and spread
// (Welford); the second trains with fitStream (sgd or adam) in buffers, holding out --test-size of
// the rows as they pass (a fifth by default) and reporting the held-out accuracy at the end.

import { Pipeline, StandardScaler, fitStream, type StreamChunk, type StreamProgress } from "../api.js";
import { messages, writeOutput, type Io } from "./io.js";
import { records } from "./csv_stream.js";
import { inFlags } from "./hints.js";
import { progress, progressMode } from "./progress.js";
import type { Target } from "./report.js";
import { about, labelSets, modelName } from "./table_data.js";
import { modelFileText } from "./model_file.js";
import type { TrainPlan } from "./train_plan.js";

/** Rows per chunk handed to fitStream (it gathers them into buffers of --buffer-rows). */
const CHUNK_ROWS = 1000;

export async function trainStream(plan: TrainPlan, io: Io): Promise<void> {
  const { data: path, target, separator } = plan;
  const say = messages(plan.output, io);
  const targetOf = (cell: string | number): Target => (separator === undefined ? cell : labelSets([cell], separator)[0]!);
  // Pass 1: the classes (labels), the feature names and, with a scaler, each feature's mean and spread.
  const classes = new Set<string | number>();
  let names: string[] = [];
  let n = 0;
  let mean: number[] = [];
  let m2: number[] = [];
  for await (const r of records(path, target)) {
    if (n === 0) {
      names = r.names;
      mean = new Array<number>(r.x.length).fill(0);
      m2 = new Array<number>(r.x.length).fill(0);
    }
    const cell = targetOf(r.label);
    for (const label of Array.isArray(cell) ? cell : [cell]) classes.add(label);
    n++;
    if (plan.scale) {
      for (let j = 0; j < r.x.length; j++) {
        const d = r.x[j]! - mean[j]!;
        mean[j]! += d / n;
        m2[j]! += d * (r.x[j]! - mean[j]!);
      }
    }
  }
  if (n === 0) throw new Error(`${path}: has no rows, only the header`);
  const scaler = plan.scale
    ? StandardScaler.fromJSON({ format: "wasmax/StandardScaler", version: 1, mean, scale: m2.map((s) => Math.sqrt(s / n) || 1) })
    : null;
  // Pass 2: train in buffers, holding out --test-size of the rows.
  async function* chunks() {
    let X: number[][] = [];
    // All labels or all label sets, as `separator` says.
    let y = [] as Target[] & StreamChunk["y"];
    for await (const r of records(path, target)) {
      X.push(r.x);
      y.push(targetOf(r.label));
      if (X.length === CHUNK_ROWS) {
        yield { X: scaler ? scaler.transform(X) : X, y };
        X = [];
        y = [];
      }
    }
    if (X.length) yield { X: scaler ? scaler.transform(X) : X, y };
  }
  const model = new plan.Model(plan.options);
  const accuracyName = separator === undefined ? "held-out accuracy" : "held-out subset accuracy";
  // The rows to train on, about: the held-out ones are drawn at random as they pass.
  const trainRows = Math.max(1, Math.round(n * (1 - (plan.testSize ?? 0))));
  const shown = progress(io.err, progressMode(io.err, plan.quiet), trainRows, "row");
  let last: StreamProgress | undefined;
  try {
    await about(path, async () => {
      try {
        await fitStream(model, chunks(), {
          classes: [...classes],
          features: names.length,
          bufferRows: plan.bufferRows ?? 10_000,
          validationFraction: plan.testSize ?? 0,
          randomState: plan.seed ?? 0,
          onProgress: (p) => {
            last = p;
            shown.step({ done: p.rows, loss: p.loss, validationAccuracy: p.validationAccuracy });
          },
        });
      } catch (error) {
        const solver = plan.options["solver"] as string;
        throw inFlags(error, {
          solver,
          maxIter: 1,
          scaled: plan.scale,
          learningRate: (model.options as { learningRate?: number }).learningRate,
        });
      } finally {
        shown.end();
      }
    });
    const pipeline = Pipeline.fromJSON({
      format: "wasmax/Pipeline",
      version: 1,
      featureNames: names,
      steps: [...(scaler ? [scaler.toJSON()] : []), model.toJSON()],
    });
    try {
      await writeOutput(plan.output, modelFileText(plan.target, separator, pipeline), io);
    } finally {
      pipeline.dispose();
    }
    say.write(
      `${modelName(model)} trained on ${last?.rows ?? 0} streamed rows × ${names.length} features, ${classes.size} ` +
        `${separator === undefined ? "classes" : "labels"} → ${plan.output}` +
        `${last?.validationAccuracy !== undefined ? `; ${accuracyName} ${last.validationAccuracy.toFixed(4)}` : ""}\n`,
    );
  } finally {
    model.dispose();
  }
}
