#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds: every plan and log under plans/ and
# tests/data/ (whole, and cut into runs of three blocks, which mutate faster),
# fuzz/seeds/toml/*.toml, one amount per line of fuzz/seeds/amounts.txt, and
# for the workbook target every workbook under tests/data/ and fuzz/seeds/
# plus each XML part of the harness's base workbooks in its `[base, part, xml]`
# form (see harness::workbook).
# The corpora themselves are not committed (fuzz/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
toml_targets=(plan log log_parallel tree_differential)
for t in "${toml_targets[@]}" amounts workbook; do mkdir -p "fuzz/corpus/$t"; done
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
w=0
while IFS= read -r -d '' f; do
  w=$((w + 1))
  cp "$f" "fuzz/corpus/workbook/seed-$w-$(basename "$f")"
done < <(find tests/data fuzz/seeds/workbook \( -name '*.xlsx' -o -name '*.xls' -o -name '*.ods' \) -print0 2>/dev/null | sort -z)
# The order of harness::BASES.
bases=(tests/data/import/filled.xlsx tests/data/workbooks/merged.xlsx
  tests/data/workbooks/sections.xlsx tests/data/workbooks/blank-below.xlsx
  fuzz/seeds/workbook/plan.xlsx tests/data/workbooks/merged.ods
  fuzz/seeds/workbook/plan.ods)
for b in "${!bases[@]}"; do
  p=0
  while IFS= read -r part; do
    case "$part" in xl/*.xml | content.xml) ;; *) continue ;; esac
    out="fuzz/corpus/workbook/xml-$b-$p"
    printf "\\x$(printf %02x "$b")\\x$(printf %02x "$p")" > "$out"
    unzip -p "${bases[$b]}" "$part" >> "$out"
    p=$((p + 1))
  done < <(unzip -Z1 "${bases[$b]}")
done
for t in "${toml_targets[@]}" amounts workbook; do
  echo "fuzz/corpus/$t: $(ls "fuzz/corpus/$t" | wc -l) files"
done
