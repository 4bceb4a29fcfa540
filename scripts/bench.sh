#!/usr/bin/env bash
# Whole-command timings and peak memory of ptba on synthetic plans of
# 1 000, 10 000 and 50 000 activities (4 records per activity).
#
#   scripts/bench.sh [RUNS]        (default 5 runs; median wall time, max RSS)
#
# Needs GNU time (/usr/bin/time; Debian package `time`). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
cargo build --release --quiet --example synth
cargo build --release --quiet
# Cargo's output folder: CARGO_TARGET_DIR when set (relative to here), else target/.
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
case $target_dir in /*) ;; *) target_dir=$PWD/$target_dir ;; esac
bin=$target_dir/release/ptba
synth=$target_dir/release/examples/synth
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 2; }

has() { "$bin" help 2>/dev/null | grep -qE "^  $1 "; }

# median wall seconds and max RSS (MB) of a command over $runs runs
measure() {
  local times=() rss=0 t m
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
      echo "failed: $*" >&2; cat "$work/err" >&2; return 1; }
    read -r t m <"$work/time"
    times+=("$t"); [ "$m" -gt "$rss" ] && rss=$m
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s s, %d MB' "$med" $((rss / 1024))
}

echo "| command | 1 000 activities | 10 000 activities | 50 000 activities |"
echo "|---|---|---|---|"
sizes=(1000 10000 50000)
for n in "${sizes[@]}"; do
  "$synth" --activities "$n" --records $((n * 4)) --seed 1 -o "$work/p$n.toml" >/dev/null
done
row() {
  local label=$1; shift
  local cells=()
  for n in "${sizes[@]}"; do
    local args=("${@//PLAN/$work/p$n.toml}")
    args=("${args[@]//OUTDIR/$work/out$n}")
    mkdir -p "$work/out$n"
    cells+=("$(measure "$bin" "${args[@]}")")
  done
  echo "| \`$label\` | ${cells[0]} | ${cells[1]} | ${cells[2]} |"
}
row "check" check PLAN
row "summary" summary PLAN
for by in action source responsible quarter; do
  row "summary --by $by" summary PLAN --by "$by"
done
row "summary --as-of 2024-06-30" summary PLAN --as-of 2024-06-30
row "summary --format json" summary PLAN --format json
if has report; then
  row "report" report PLAN -o OUTDIR/report.xlsx --force
fi
if has convert; then
  for n in "${sizes[@]}"; do "$bin" convert "$work/p$n.toml" -o "$work/p$n.xlsx" >/dev/null; done
  row "convert toml → xlsx" convert PLAN -o OUTDIR/plan.xlsx --force
  cells=()
  for n in "${sizes[@]}"; do
    cells+=("$(measure "$bin" convert "$work/p$n.xlsx" -o "$work/out$n/back.toml" --force)")
  done
  echo "| \`convert xlsx → toml\` | ${cells[0]} | ${cells[1]} | ${cells[2]} |"
fi
if has import; then
  # A template of 5 000 rows (activities × sources), filled, imported into an empty log.
  cargo build --release --quiet --example fill_template
  "$synth" --activities 3400 --records 0 --seed 2 -o "$work/t.toml" >/dev/null
  "$bin" template "$work/t.toml" -o "$work/t.xlsx" >"$work/t.out"
  "$target_dir/release/examples/fill_template" "$work/t.xlsx" "$work/filled.xlsx" 2024-06-30
  rows=$(grep -oE '[0-9]+ lignes' "$work/t.out" | cut -d' ' -f1)
  cat >"$work/import.sh" <<SH
cp "$work/t.toml" "$work/imp.toml" && : >"$work/imp.progress.toml" && "$bin" import "$work/imp.toml" "$work/filled.xlsx"
SH
  echo "| \`import\` of a filled template of $rows rows | $(measure bash "$work/import.sh") | | |"
fi
