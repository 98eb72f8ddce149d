// Sampled softmax at K = 10,000 (issue #13): is S = 64 within a point of the full softmax after the
// same epochs on other random streams and other data? Adam lr 3e-3, batch 256, top-1 / top-5 after
// 10 and 15 epochs: S = 64 (uniform and log-uniform) with randomState 1, 2, 3 on the data of
// bench/sampled.js (seed 2), and on a second data set (seed 4); the full softmax once per data set.
//
//   node bench/sampled_seeds.js     (about 4 minutes on 2 threads; writes bench/results/sampled_seeds.json)

import { writeFileSync } from "node:fs";
import * as wasmax from "../build/testing.js";
import { machine } from "./machine.js";
import { zipfData, accuracyAtEpochs } from "./sampled_data.js";

await wasmax.init();
console.warn = () => {};
const K = 10_000;
const CHECKPOINTS = [10, 15];
const rows = [];
for (const [dataSeed, randomStates] of [
  [2, [1, 2, 3]],
  [4, [1]],
]) {
  const data = zipfData(K, 50_000, 5000, dataSeed);
  const run = (S, sampler, randomState) => accuracyAtEpochs(wasmax, data, { S, sampler, learningRate: 3e-3, randomState }, CHECKPOINTS);
  const full = run(0, undefined, 1);
  for (const sampler of ["log-uniform", "uniform"]) {
    for (const randomState of randomStates) {
      const at = run(64, sampler, randomState);
      const behind = Object.fromEntries(CHECKPOINTS.map((e) => [e, { top1: full[e].top1 - at[e].top1, top5: full[e].top5 - at[e].top5 }]));
      rows.push({ dataSeed, sampler, randomState, full, sampled: at, behind });
      console.log(
        `data ${dataSeed}, ${sampler}, randomState ${randomState}: points behind the full softmax (top-1 / top-5) ` +
          CHECKPOINTS.map((e) => `after ${e} epochs ${(100 * behind[e].top1).toFixed(1)} / ${(100 * behind[e].top5).toFixed(1)}`).join(
            ", ",
          ),
      );
    }
  }
}
writeFileSync(
  new URL("./results/sampled_seeds.json", import.meta.url),
  `${JSON.stringify({ machine: machine(wasmax.threads()), K, learningRate: 3e-3, sampled: 64, rows }, null, 2)}\n`,
);
