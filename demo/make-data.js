// Writes build/mnist.bin for the demo page: the same 10,000 MNIST digits and split as the main
// job (examples/mnist-data.js). Layout: u32 train rows, u32 test rows (little-endian), then every
// image as 784 bytes (pixel × 255, train first), then one label byte per image.

import { mkdirSync, writeFileSync } from "node:fs";
import { loadMnist } from "../examples/mnist-data.js";

const { train, test, features } = loadMnist();
const rows = train.rows + test.rows;
const out = new Uint8Array(8 + rows * (features + 1));
new DataView(out.buffer).setUint32(0, train.rows, true);
new DataView(out.buffer).setUint32(4, test.rows, true);
const pixels = out.subarray(8, 8 + rows * features);
train.X.forEach((v, i) => (pixels[i] = Math.round(v * 255)));
test.X.forEach((v, i) => (pixels[train.X.length + i] = Math.round(v * 255)));
out.set(train.y, 8 + rows * features);
out.set(test.y, 8 + rows * features + train.rows);
mkdirSync(new URL("../build/", import.meta.url), { recursive: true });
writeFileSync(new URL("../build/mnist.bin", import.meta.url), out);
