// parseCsv / readCsv with rows: "objects": rows of objects by column name, text columns kept as
// strings, for a Pipeline that one-hot encodes them.

import { suite } from "uvu";
import * as assert from "uvu/assert";
import { Readable } from "node:stream";
import { wasmax } from "../setup.js";
import { rejects } from "../assertions.js";
import { parseCsv, readCsv } from "../../dist/csv.js";

const { Pipeline, ColumnTransformer, SoftmaxRegression } = wasmax;
const Csv = suite("CSV as rows of objects");
const TEXT = `gpa,exam,city,admitted
3.9,92,Oslo,yes
2.1,55,Rome,no
3.4,71,"Lima",yes
2.8,64,Oslo,no
`;

Csv("text columns keep their strings, number columns are numbers, the label column is y", () => {
  const table = parseCsv(TEXT, { label: "admitted", rows: "objects" });
  assert.equal(table.featureNames, ["gpa", "exam", "city"]);
  assert.equal(table.textColumns, ["city"]);
  assert.equal(table.X[2], { gpa: 3.4, exam: 71, city: "Lima" });
  assert.equal(table.y, ["yes", "no", "yes", "no"]);
  rejects(() => parseCsv(TEXT, { label: "admitted" }), RangeError, /CSV line 2, column "city": "Oslo" is not a finite number/);
});

Csv("a Pipeline trains on it and predicts from rows of objects by name", async () => {
  const table = await readCsv(Readable.from([TEXT]), { label: "admitted", rows: "objects" });
  const pipe = new Pipeline([ColumnTransformer.auto(), new SoftmaxRegression()]).fit(table.X, table.y);
  try {
    assert.equal(pipe.predict(table.X), table.y);
    assert.equal(pipe.steps[0].describe()[0].columns, table.textColumns);
  } finally {
    pipe.dispose();
  }
});

Csv("missing values in a column of numbers, ragged rows and a wrong rows option are errors that say where", () => {
  rejects(
    () => parseCsv("a,b\n1,x\n,y\n", { rows: "objects" }),
    RangeError,
    /CSV line 3, column "a": the cell is empty in a column of numbers/,
  );
  rejects(() => parseCsv("a,b\n1,x\n2\n", { rows: "objects" }), RangeError, /CSV line 3 has 1 fields, expected 2/);
  rejects(() => parseCsv("a\n1\n", { rows: "records" }), RangeError, /rows must be 'arrays', 'objects'/);
  rejects(() => parseCsv("a,b,a\n1,2,3\n", { rows: "objects" }), RangeError, /names the column "a" twice/);
  assert.equal(parseCsv("a,b\n1,\n2,\n", { rows: "objects" }).X, [
    { a: 1, b: "" },
    { a: 2, b: "" },
  ]);
});

Csv.run();
