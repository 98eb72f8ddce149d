// The binary ABI check (runtime/abi.ts): the fastText kernels are optional, all or none, and
// FastTextClassifier's way to them (fastTextKernels) refuses a binary without them with a TypeError.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import "../setup.js";
import { runtime, checkExports, fastTextKernels } from "../../build/testing.js";

const Abi = suite("abi");
const FASTTEXT = ["ftUpdate", "ftTrain", "ftUniformFill", "ftPredict", "ftScan", "ftNearestCentroids"];

/** The loaded binary's exports, as a plain object without the named ones. */
function exportsWithout(names) {
  return Object.fromEntries(Object.entries(runtime().exports).filter(([name]) => !names.includes(name)));
}

Abi("the loaded binary has the fastText kernels, and fastTextKernels passes it through", () => {
  const E = checkExports({ ...runtime().exports });
  assert.is(fastTextKernels(E).ftTrain, runtime().exports.ftTrain);
});

Abi("a binary without any fastText kernel loads, and fastTextKernels refuses it with a TypeError", () => {
  const E = checkExports(exportsWithout(FASTTEXT));
  assert.is(typeof E.softmax, "function");
  assert.throws(
    () => fastTextKernels(E),
    (e) => e instanceof TypeError && /FastTextClassifier: the loaded wasmax binary has no fastText kernels/.test(e.message),
  );
});

Abi("a binary with some fastText kernels but not all is refused, naming the one it lacks", () => {
  assert.throws(
    () => checkExports(exportsWithout(["ftPredict"])),
    (e) => e instanceof TypeError && /lacks export ftPredict/.test(e.message),
  );
  assert.throws(
    () => checkExports({ ...runtime().exports, ftTrain: (a, b) => a + b }),
    (e) => e instanceof TypeError && /export ftTrain expects 2 arguments, this wasmax passes 3/.test(e.message),
  );
});

Abi.run();
