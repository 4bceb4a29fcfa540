#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: every plan and log under plans/ and
# tests/data/ (whole, and cut into runs of three blocks, which mutate faster),
# fuzz/seeds/toml/*.toml, and one amount per line of fuzz/seeds/amounts.txt.
# The corpora themselves are not committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
toml_targets=(plan log log_parallel tree_differential)
for t in "${toml_targets[@]}" amounts; do mkdir -p "fuzz/corpus/$t"; done
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  for t in "${toml_targets[@]}"; do
    cp "$f" "fuzz/corpus/$t/seed-$n-whole"
    awk -v out="fuzz/corpus/$t/seed-$n-part-" '
      /^[ \t]*\[/ { blocks++; if (blocks % 3 == 1) part++ }
      { print > (out part) }
    ' "$f"
  done
done < <(find plans tests/data fuzz/seeds/toml -name '*.toml' -print0 2>/dev/null | sort -z)
i=0
while IFS= read -r line; do
  i=$((i + 1))
  printf '%s' "$line" > "fuzz/corpus/amounts/seed-$i"
done < fuzz/seeds/amounts.txt
for t in "${toml_targets[@]}" amounts; do
  echo "fuzz/corpus/$t: $(ls "fuzz/corpus/$t" | wc -l) files"
done
