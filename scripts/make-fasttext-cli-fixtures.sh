#!/usr/bin/env bash
# Native fastText 0.9.2's command-line output, recorded for test/cli/fasttext.test.js (CI has no native
# fastText): models trained and quantized by `fasttext` on the langid fixture, what `fasttext test`,
# `predict` and `predict-prob` print with them, and C's %g of a set of floats (fastText prints numbers
# with iostreams, i.e. %g). Needs Debian's fasttext (apt-get install fasttext).
# Run from the repository root: bash scripts/make-fasttext-cli-fixtures.sh
set -euo pipefail
out=test/fixtures/fasttext-cli
train=test/fixtures/text/langid.train.txt
test=test/fixtures/text/langid.test.txt
mkdir -p "$out"
rm -f "$out"/*
dpkg-query -W -f '${Version}\n' fasttext > "$out/fasttext-version.txt"

# Lines that exercise the reader: empty lines, unknown words, a label alone, tabs and \r. (A last line
# without a final newline is left out: fastText reads it without its end-of-line token, wasmax with it.)
printf 'Das ist ein Test\n\nunknownword anotherone\n__label__en\n\tle  chat\r\nel perro y el gato\n\n  \nthe end\n' > "$out/edge.txt"
# 1,000 seeded random lines of words, labels, "</s>", control characters (tab, \v, \f, \r, \0), multi-byte
# and astral UTF-8, non-breaking and zero-width spaces (which are not separators), long words.
/usr/bin/python3 - "$out/fuzz.txt" <<'PY'
import random, sys
random.seed(2025)
pieces = ["hello", "world", "Das", "ist", "ein", "Test", "ça", "été", "日本語", "の", "文", "😀", "ñ", "\t", " ", "  ",
          "\r", "\v", "\f", "</s>", "__label__en", "__label__", "a", "e\u0301", "ß", "İ", "\u00a0", "\u2028", "x" * 30,
          "ab\u0000cd", "de", "le", "la", "un", "\ufeff", "Ǆ", "𝔘"]
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    for _ in range(1000):
        f.write("".join(random.choice(pieces) + (" " if random.random() < 0.7 else "") for _ in range(random.randrange(12))) + "\n")
PY
# "</s>" tokens, which end a line wherever they stand ("</s></s>" and "a</s>" are words).
printf 'hello world </s> bonjour le monde\n</s>\n a </s>\nx </s></s> y a</s>\n__label__en </s>\tel gato </s>  \nthe end </s>\n' > "$out/eos.txt"

fasttext supervised -input "$train" -output "$out/softmax" -dim 16 -epoch 50 -lr 0.5 -thread 1 2> "$out/softmax.supervised.stderr"
fasttext supervised -input "$train" -output "$out/hs" -loss hs -wordNgrams 2 -minn 2 -maxn 4 -bucket 2000 -dim 8 -epoch 50 -lr 0.5 -thread 1 \
  2> "$out/hs.supervised.stderr"
cp "$out/softmax.bin" "$out/quantized.bin"
fasttext quantize -input "$train" -output "$out/quantized" -qnorm -cutoff 500 -dsub 4 2> /dev/null
rm -f "$out"/*.vec "$out/quantized.bin"

for model in softmax.bin hs.bin quantized.ftz; do
  m="$out/$model"
  fasttext test "$m" "$test" > "$out/$model.test.txt"
  fasttext test "$m" "$test" 2 0.2 > "$out/$model.test-k2-th0.2.txt"
  fasttext predict "$m" "$test" > "$out/$model.predict.txt"
  fasttext predict "$m" "$test" 3 > "$out/$model.predict-k3.txt"
  fasttext predict-prob "$m" "$test" 3 > "$out/$model.predict-prob-k3.txt"
  fasttext predict-prob "$m" "$test" -1 0.05 > "$out/$model.predict-prob-all-th0.05.txt"
  fasttext predict-prob "$m" "$out/edge.txt" 2 > "$out/$model.edge.predict-prob-k2.txt"
  fasttext predict-prob "$m" "$out/eos.txt" 2 > "$out/$model.eos.predict-prob-k2.txt"
  fasttext predict-prob "$m" "$out/fuzz.txt" 3 > "$out/$model.fuzz.predict-prob-k3.txt"
  fasttext test "$m" "$out/fuzz.txt" 3 > "$out/$model.fuzz.test-k3.txt"
done

# %g at 3, 5 and 6 significant digits of float32 values (random, powers of two and exact decimal ties).
/usr/bin/python3 - "$out/format-g.json" <<'PY'
import json, random, struct, sys
random.seed(25)
f32 = lambda x: struct.unpack("f", struct.pack("f", x))[0]
values = [f32((random.random() - 0.5) * 10 ** random.randint(-9, 9)) for _ in range(3000)]
values += [2.0 ** e for e in range(-40, 40)] + [1.5 * 2.0 ** e for e in range(-30, 30)]
values += [random.randint(0, 999) / 2 ** random.randint(0, 20) for _ in range(1000)]
values += [0.0, -0.0, 1e-5, 1.00001, 0.5625, 0.0009765625, 99999.5, 999999.5, 1e21, float("nan"), float("inf"), float("-inf")]
json.dump({
    "values": [repr(v) for v in values],
    "g3": ["%.3g" % v for v in values],
    "g5": ["%.5g" % v for v in values],
    "g6": ["%.6g" % v for v in values],
}, open(sys.argv[1], "w"))
PY
ls -la "$out"
