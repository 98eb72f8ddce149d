#!/usr/bin/env bash
# The command line (docs/cli.md): train on iris.csv with a held-out report, look at the model file,
# predict new rows with probabilities, export to ONNX and import it back, then test the imported model.
# In a project that installed wasmax, `npx wasmax` is the same command as `node dist/cli.js` here.
#
#   bash examples/cli.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
wasmax() { node "$here/../dist/cli.js" "$@"; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

wasmax train "$here/data/iris.csv" --target species --test-size 0.2 --scale --quiet -o model.json
wasmax info model.json
head -4 "$here/data/iris.csv" | cut -d, -f1-4 > new.csv
echo "predict (the first three flowers of iris.csv, without their species):"
wasmax predict model.json new.csv --proba
wasmax export model.json -o model.onnx
wasmax import model.onnx -o imported.json
echo "test of the imported model on all of iris.csv:"
wasmax test imported.json "$here/data/iris.csv"
