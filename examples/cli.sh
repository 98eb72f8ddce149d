#!/usr/bin/env bash
# The command line (docs/cli.md): train on iris.csv (a fifth held out and reported on), look at the
# model file, predict rows piped in on standard input with the two most probable species, test with
# a confusion-matrix picture, train on a CSV with a text column, draw the decision regions of a
# two-column model, export to ONNX and import it back, then test the imported model.
# In a project that installed wasmax, `npx wasmax` is the same command as `node dist/cli.js` here.
#
#   bash examples/cli.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wasmax() { node "$here/../dist/cli.js" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

wasmax train "$here/data/iris.csv" --target species --scale --quiet -o model.json
wasmax info model.json
echo "predict (the first three flowers of iris.csv, without their species, on standard input):"
head -4 "$here/data/iris.csv" | cut -d, -f1-4 | wasmax predict model.json - -k 2
wasmax test model.json "$here/data/iris.csv" --plot confusion.svg | tail -1

# Students: GPA, exam score and school (a text column), admitted or not (a made-up rule).
awk 'BEGIN { print "gpa,exam,school,admitted"; split("north south east", s, " ");
  for (i = 0; i < 90; i++) { gpa = 2 + (i * 37 % 21) / 10; exam = 50 + (i * 53 % 51); school = s[i % 3 + 1];
    score = gpa * 20 + exam + (school == "east" ? 15 : 0); print gpa "," exam "," school "," (score > 140 ? "yes" : "no") } }' > students.csv
wasmax train students.csv --target admitted --model mlp --hidden 8 --solver lbfgs --seed 1 --quiet -o students.json \
  | grep -E '^(MLPClassifier|columns| +accuracy)'

cut -d, -f3-5 "$here/data/iris.csv" > petals.csv
wasmax train petals.csv --target species --no-test --quiet -o petals.json > /dev/null
wasmax plot petals.json petals.csv -o regions.svg

wasmax export model.json -o model.onnx
wasmax import model.onnx -o imported.json
echo "test of the imported model on all of iris.csv:"
wasmax test imported.json "$here/data/iris.csv"
