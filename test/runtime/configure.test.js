// configure(): every setting checked by name, and atomic: a refused call changes no setting.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";

const { configure } = wasmax;
const Configure = suite("configure");

Configure("a call with one bad setting changes none of the others, whatever their order", () => {
  const before = configure();
  try {
    for (const bad of [
      { maxOutputBytes: 4096, chunkBytes: 3 },
      { chunkBytes: 4096, maxOutputBytes: -1 },
      { chunkBytes: 4096, maxOutputBytes: 4096, threads: 65 },
      { threads: 1, chunkBytes: "big" },
      { threads: 1, maxOutputBytes: 1.5 },
      { chunkBytes: 4096, chunkbytes: 4096 },
    ]) {
      assert.throws(
        () => configure(bad),
        (e) => e instanceof TypeError || e instanceof RangeError,
        JSON.stringify(bad),
      );
      assert.equal(configure(), before, `configure(${JSON.stringify(bad)}) changed a setting`);
    }
  } finally {
    configure(before);
  }
});

Configure("settings are named in their errors; null is a TypeError, undefined and {} change nothing", () => {
  const before = configure();
  rejects(() => configure({ chunkBytes: 3 }), RangeError, /chunkBytes must be in \[1024, 1073741824\]/);
  rejects(() => configure({ maxOutputBytes: NaN }), TypeError, /maxOutputBytes must be an integer, got NaN/);
  rejects(() => configure({ threads: "2" }), TypeError, /threads must be an integer, got "2"/);
  rejects(() => configure({ thread: 2 }), TypeError, /did you mean threads\?/);
  rejects(() => configure(null), TypeError, /configure must be an options object, got null/);
  assert.equal(configure(undefined), before);
  assert.equal(configure({}), before);
  const previous = configure({ chunkBytes: 4096, maxOutputBytes: 8192, threads: 1 });
  try {
    assert.equal(previous, before, "returns the settings before the call");
    assert.equal(configure(), { chunkBytes: 4096, maxOutputBytes: 8192, threads: 1 });
  } finally {
    configure(before);
  }
});

Configure.run();
