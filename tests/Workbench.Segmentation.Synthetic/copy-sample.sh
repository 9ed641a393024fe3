#!/usr/bin/env bash
# Copies generated synthetic pages 1..N of each language from artifacts/segmentation-corpus into the committed sample
# (tests/Workbench.Segmentation.Evaluation/Corpus/synthetic-*/{dev,test}/), gzipped (-n: no name or time, so the bytes
# depend on the content only). JPEGs (pages with --images) are copied as they are.
# usage: bash tests/Workbench.Segmentation.Synthetic/copy-sample.sh [N=20]
set -euo pipefail
n=${1:-20}
root=$(cd "$(dirname "$0")/../.." && pwd)
from="$root/artifacts/segmentation-corpus"
to="$root/tests/Workbench.Segmentation.Evaluation/Corpus"
for lang in zh latin; do
  prefix=$([ "$lang" = zh ] && echo zh || echo la)
  for i in $(seq 1 "$n"); do
    half=$([ $((i % 2)) -eq 1 ] && echo dev || echo test)
    name=$(printf '%s-%04d' "$prefix" "$i")
    src="$from/synthetic-$lang/$half"
    [ -f "$src/$name.alto.xml.gold.json" ] || { echo "not generated yet: $name"; continue; }
    mkdir -p "$to/synthetic-$lang/$half"
    for suffix in .hocr .alto.xml .hocr.gold.json .alto.xml.gold.json .layout.json; do
      gzip -9 -n -c "$src/$name$suffix" > "$to/synthetic-$lang/$half/$name$suffix.gz"
    done
    if [ -f "$src/$name.jpg" ]; then cp "$src/$name.jpg" "$to/synthetic-$lang/$half/"; fi
  done
done
