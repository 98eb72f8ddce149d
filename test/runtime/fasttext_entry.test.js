// "wasmax/fasttext" apart from "wasmax": the main entry carries no fastText code and its binaries
// no fastText kernels; it refuses a fastText model's JSON (loadModel, fitInWorker) with a TypeError
// that says where to import it from; the fastText entry loads, trains and reads it.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as main from "../../dist/node.js";
import * as fastText from "../../dist/fasttext.js";

const Entry = suite("wasmax/fasttext");
const BUILDS = ["relaxed", "simd", "scalar", "relaxed-threads", "simd-threads"];
const KERNELS = ["ftUpdate", "ftTrain", "ftUniformFill", "ftPredict", "ftScan"];

await main.init();
await fastText.init();

const bytesOf = (name) => readFileSync(new URL(`../../wasm/${name}.wasm`, import.meta.url));
// Names are read from the bytes, not by compiling: the relaxed builds do not compile on every Node, and
// the no-SIMD run compiles none of the SIMD ones.
const mentions = (bytes, name) => bytes.includes(Buffer.from(name));

/** The export names of a wasm binary, from its export section (id 7). */
function exportNames(bytes) {
  let at = 8; // magic and version
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 7) {
      const names = [];
      for (let n = leb(); n > 0; n--) {
        const length = leb();
        names.push(bytes.subarray(at, at + length).toString("utf8"));
        at += length + 1; // the name, then its kind
        leb(); // its index
      }
      return names;
    }
    at = end;
  }
  return [];
}

Entry("the main binaries have no fastText kernel; the fastText ones have them all, and every main export", () => {
  for (const build of BUILDS) {
    const plain = bytesOf(build);
    const withFastText = bytesOf(`fasttext-${build}`);
    for (const kernel of KERNELS) {
      assert.not.ok(mentions(plain, kernel), `${build}.wasm mentions ${kernel}`);
      assert.ok(mentions(withFastText, kernel), `fasttext-${build}.wasm lacks ${kernel}`);
    }
    const names = exportNames(withFastText);
    const plainNames = exportNames(plain);
    assert.ok(plainNames.includes("softmax") && plainNames.includes("memory"), `${build}.wasm: its export section reads`);
    for (const name of plainNames) assert.ok(names.includes(name), `fasttext-${build}.wasm lacks ${name}`);
    for (const kernel of KERNELS)
      assert.ok(names.includes(kernel) && !plainNames.includes(kernel), `${kernel} exported by fasttext-${build}.wasm only`);
  }
});

Entry('"wasmax" exports no fastText model; "wasmax/fasttext" exports all of "wasmax" and the model', () => {
  for (const name of ["FastTextClassifier", "toFastText", "quantize", "FastTextDictionary", "FastTextError", "TEXT_MODELS"]) {
    assert.not.ok(name in main, `"wasmax" exports ${name}`);
    assert.ok(name in fastText, `"wasmax/fasttext" lacks ${name}`);
  }
  for (const name of Object.keys(main)) assert.ok(name in fastText, `"wasmax/fasttext" lacks ${name}`);
});

Entry('a fastText model\'s JSON: "wasmax" says to import "wasmax/fasttext", which loads it', async () => {
  const texts = ["a b c", "d e f", "a b", "e f"];
  const labels = ["x", "y", "x", "y"];
  const model = new fastText.FastTextClassifier({ dim: 4, epoch: 2, thread: 1, bucket: 100 }).fit(texts, labels);
  const json = model.toJSON();
  model.dispose();
  assert.throws(
    () => main.loadModel(json),
    (e) => e instanceof TypeError && /FastTextClassifier is in "wasmax\/fasttext"/.test(e.message),
  );
  try {
    await main.fitInWorker(texts, labels, {}, { model: "FastTextClassifier" });
    assert.unreachable('fitInWorker trained a FastTextClassifier from "wasmax"');
  } catch (error) {
    assert.instance(error, TypeError);
    assert.match(error.message, /FastTextClassifier is in "wasmax\/fasttext"/);
  }
  const loaded = fastText.loadModel(json);
  try {
    assert.instance(loaded, fastText.FastTextClassifier);
    assert.equal(loaded.toJSON(), json);
  } finally {
    loaded.dispose();
  }
});

Entry('"wasmax/fasttext" given a binary without fastText kernels: FastTextClassifier says what to load', () => {
  const script = `
    import * as w from ${JSON.stringify(new URL("../../dist/fasttext.js", import.meta.url).href)};
    import { readFileSync } from "node:fs";
    await w.init(readFileSync(${JSON.stringify(new URL("../../wasm/simd.wasm", import.meta.url).pathname)}));
    try { new w.FastTextClassifier({ dim: 4, epoch: 1 }).fit(["a b"], ["x"]); console.log("trained"); }
    catch (e) { console.log(e.name + ": " + e.message); }`;
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.is(out.status, 0, out.stderr);
  assert.match(
    out.stdout,
    /^TypeError: FastTextClassifier: the loaded wasmax binary has no fastText kernels: call init from "wasmax\/fasttext"/,
  );
});

Entry.run();
