#!/usr/bin/env bash
# Windows smoke suite: cross-builds ptba for x86_64-pc-windows-gnu, runs every
# command on the bundled example plan (and a few fixtures) under Wine, and
# compares stdout, stderr, exit code and every file written, byte for byte,
# with the Linux binary doing the same steps in a twin folder.
#
#   scripts/windows-smoke.sh            (from anywhere; honours CARGO_TARGET_DIR)
#
# Needs: the rustup target x86_64-pc-windows-gnu, mingw-w64
# (x86_64-w64-mingw32-gcc) and Wine (wine64). Debian: apt-get install
# gcc-mingw-w64-x86-64 wine64; rustup target add x86_64-pc-windows-gnu.
#
# The one normalisation of ptba's output: a path printed by the Windows binary
# uses `\` after the fixture folders (`plans\exemple-2024.progress.toml`,
# `"plans\\…"` in JSON) where Linux prints `/`; those separators, and only
# those, are turned into `/` before comparing (and lines Wine itself writes,
# `wine client error:…`, are dropped). Everything else must be identical.
#
# Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's standard
# library imports; scripts/wine/processprng.c is built here into a stand-in
# DLL placed beside the .exe, for Wine only (real Windows 10+ has the DLL).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
triple=x86_64-pc-windows-gnu
target_dir=${CARGO_TARGET_DIR:-$root/target}
case $target_dir in /*) ;; *) target_dir=$root/$target_dir ;; esac

wine=${WINE:-}
if [ -z "$wine" ]; then
  for w in /usr/lib/wine/wine64 "$(command -v wine64 || true)" "$(command -v wine || true)"; do
    if [ -n "$w" ] && [ -x "$w" ]; then wine=$w; break; fi
  done
fi
[ -n "$wine" ] || { echo "windows-smoke: Wine not found (apt-get install wine64)" >&2; exit 2; }
command -v x86_64-w64-mingw32-gcc >/dev/null ||
  { echo "windows-smoke: x86_64-w64-mingw32-gcc not found (apt-get install gcc-mingw-w64-x86-64)" >&2; exit 2; }

start=$(date +%s)
echo "windows-smoke: cross-building ptba for $triple (debug)"
cargo build --locked --quiet --target "$triple"
cargo build --locked --quiet
echo "windows-smoke: built in $(( $(date +%s) - start )) s"
exe=$target_dir/$triple/debug/ptba.exe
lin=$target_dir/debug/ptba

work=$(mktemp -d)
# wineserver keeps the prefix busy for a few seconds after the last program.
trap '"${wine%/*}/wineserver" -k 2>/dev/null || wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/bin"
cp "$exe" "$work/bin/ptba.exe"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bin/bcryptprimitives.dll" \
  scripts/wine/processprng.c -ladvapi32
x86_64-w64-mingw32-gcc -O2 -s -o "$work/bin/holdopen.exe" scripts/wine/holdopen.c

export WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml="
export WINEPREFIX=${WINEPREFIX:-$work/wineprefix}
"$wine" wineboot -i >/dev/null 2>&1 || true

# The twin folders, laid out as a user's would be.
for side in lin win; do
  d=$work/$side
  mkdir -p "$d/plans" "$d/out" "$d/imp" "$d/cents/suivi" "$d/bad"
  cp plans/exemple-2024.toml plans/exemple-2024.progress.toml "$d/plans/"
  cp tests/data/import/plan.toml tests/data/import/filled.xlsx "$d/imp/"
  cp tests/data/cents-eur.toml "$d/cents/"
  cp tests/data/suivi/cents-eur.journal.toml "$d/cents/suivi/"
  cp tests/data/bad/amount-negative.toml "$d/bad/"
done

# One command line per case, in order (later cases see the files earlier ones
# wrote, on both sides alike).
cases=(
  '--version'
  '--help'
  'summary --help'
  '--lang en record --help'
  'check plans/exemple-2024.toml'
  'check plans/exemple-2024.toml --format json'
  'check plans/exemple-2024.toml --format github'
  'check bad/amount-negative.toml'
  'check bad/amount-negative.toml --format json --lang en'
  'summary plans/exemple-2024.toml'
  'summary plans/exemple-2024.toml --by action'
  'summary plans/exemple-2024.toml --by source --format markdown'
  'summary plans/exemple-2024.toml --by responsable'
  'summary plans/exemple-2024.toml --by quarter --format csv'
  'summary plans/exemple-2024.toml --format json'
  'summary plans/exemple-2024.toml --lang en --as-of 2024-06-30'
  'summary cents/cents-eur.toml'
  'summary cents/cents-eur.toml --format json'
  'record plans/exemple-2024.toml A1.1.1 --date 2024-12-20 --progress 80 --spent 1000000 --note "Atelier à Bouaké"'
  'record plans/exemple-2024.toml A9.9.9 --date 2024-12-20 --progress 10'
  'record cents/cents-eur.toml X --note "?"'
  'summary plans/exemple-2024.toml --format csv'
  'report plans/exemple-2024.toml -o out/rapport.xlsx'
  'report plans/exemple-2024.toml -o out/rapport.xlsx'
  'convert plans/exemple-2024.toml -o out/plan.xlsx'
  'convert out/plan.xlsx -o out/plan-retour.toml'
  'check out/plan-retour.toml'
  'template plans/exemple-2024.toml -o out/saisie.xlsx --responsible CNLTP'
  'import imp/plan.toml imp/filled.xlsx'
  'import imp/plan.toml imp/filled.xlsx'
  'init -o out/nouveau.toml --year 2025 --organization "Ministère de la Justice"'
  '--lang en init -o out/new.toml --year 2025'
  'check out/nouveau.toml out/new.toml'
  'completions powershell'
  'summary plans/absent.toml'
  'summary plans/exemple-2024.toml --by nope'
  'summary'
)

# Every file of a side, one line each: path and SHA-256. A workbook is listed
# by its unpacked entries: the zip headers record the system that wrote them
# ("unx" or "fat"), the one byte that rightly differs.
digest() {
  (cd "$1" && find . -type f | LC_ALL=C sort | while read -r f; do
    case $f in
      *.xlsx) unzip -Z1 "$f" | while read -r e; do
          # `[` is a wildcard for unzip: `[[]` is a literal one.
          printf '%s!%s %s\n' "$f" "$e" "$(unzip -p "$f" "${e//[/[[]}" | sha256sum | cut -c1-16)"
        done ;;
      *) printf '%s %s\n' "$f" "$(sha256sum <"$f" | cut -c1-16)" ;;
    esac
  done)
}

# Wine itself sometimes writes a line of its own to stderr under load
# ("wine client error:…: sendmsg: …"); such lines are not ptba's and are
# dropped.
normalise() {
  sed -E '/^wine( client error)?:/d; s#(plans|out|imp|cents|suivi|bad)\\\\#\1/#g; s#(plans|out|imp|cents|suivi|bad)\\#\1/#g' "$1"
}

failed=0
n=0
# The Windows folder's files before each case (what the last case left).
digest "$work/win" >"$work/win.before"
for c in "${cases[@]}"; do
  n=$((n + 1))
  eval "set -- $c"
  (cd "$work/lin" && set +e; "$lin" "$@" >"$work/lin.out" 2>"$work/lin.err"; echo $? >"$work/lin.rc")
  (cd "$work/win" && set +e; "$wine" "$work/bin/ptba.exe" "$@" >"$work/win.out" 2>"$work/win.err"; echo $? >"$work/win.rc")
  # Under load Wine itself may fail to run the program (it then says so in a
  # line of its own, or prints nothing at all, and exits 1). If the run left
  # no trace (empty stdout, no file changed) while Linux printed something,
  # it is Wine's failure, not ptba's: run it once more and say so.
  if [ ! -s "$work/win.out" ] && [ -s "$work/lin.out" ] && ! cmp -s "$work/lin.rc" "$work/win.rc" \
     && digest "$work/win" | cmp -s - "$work/win.before"; then
    echo "windows-smoke: case $n left no trace under Wine (exit $(cat "$work/win.rc"), stderr: $(head -c 200 "$work/win.err")); run again"
    (cd "$work/win" && set +e; "$wine" "$work/bin/ptba.exe" "$@" >"$work/win.out" 2>"$work/win.err"; echo $? >"$work/win.rc")
  fi
  bad=""
  for s in out err; do
    normalise "$work/win.$s" >"$work/win.$s.n"
    if ! cmp -s "$work/lin.$s" "$work/win.$s.n"; then
      bad="$bad std$s"
      diff -u --label "linux std$s" --label "windows std$s" "$work/lin.$s" "$work/win.$s.n" | head -40 || true
    fi
  done
  if ! cmp -s "$work/lin.rc" "$work/win.rc"; then
    bad="$bad exit($(cat "$work/lin.rc") vs $(cat "$work/win.rc"))"
  fi
  digest "$work/lin" >"$work/lin.files"
  digest "$work/win" >"$work/win.files"
  if ! cmp -s "$work/lin.files" "$work/win.files"; then
    bad="$bad files"
    diff "$work/lin.files" "$work/win.files" | head -20 || true
    # compare the next steps from the same state
    rm -rf "$work/win" && cp -r "$work/lin" "$work/win"
    cp "$work/lin.files" "$work/win.before"
  else
    cp "$work/win.files" "$work/win.before"
  fi
  if [ -n "$bad" ]; then
    echo "FAIL $n: ptba $c:$bad"
    failed=$((failed + 1))
  else
    echo "ok   $n: ptba $c (exit $(cat "$work/lin.rc"))"
  fi
done
# Windows only: a path typed with `/` prints with `\` alone, as the log made
# from it does (never `plans/exemple\…`).
n=$((n + 1))
(cd "$work/win" && "$wine" "$work/bin/ptba.exe" check bad/amount-negative.toml >"$work/win.out" 2>&1) || true
if grep -q -- '--> bad\\amount-negative.toml:' "$work/win.out" && ! grep -q 'bad/' "$work/win.out"; then
  echo "ok   $n: Windows paths print with \\ only"
else
  echo "FAIL $n: Windows paths print with / or mixed separators:"; cat "$work/win.out"
  failed=$((failed + 1))
fi

# Windows only: a log or a workbook open in another program (as Excel holds
# the workbooks it has open). ptba must say so, exit 2, and change nothing.
locked() {
  local held=$1 expect=$2; shift 2
  n=$((n + 1))
  rm -f "$work/win/ready" "$work/win/release"
  (cd "$work/win" && "$wine" "$work/bin/holdopen.exe" "$held" ready release) &
  local holder=$!
  for _ in $(seq 200); do [ -e "$work/win/ready" ] && break; sleep 0.1; done
  rm -f "$work/win/ready"
  digest "$work/win" >"$work/before.files"
  (cd "$work/win" && set +e; "$wine" "$work/bin/ptba.exe" "$@" >"$work/win.out" 2>"$work/win.err"; echo $? >"$work/win.rc")
  : >"$work/win/release"
  wait "$holder" || true
  rm -f "$work/win/release"
  digest "$work/win" >"$work/after.files"
  if [ "$(cat "$work/win.rc")" = 2 ] && grep -q "$expect" "$work/win.err" &&
    cmp -s "$work/before.files" "$work/after.files"; then
    echo "ok   $n: ptba $* while $held is open elsewhere: exit 2, $(cat "$work/win.err")"
  else
    echo "FAIL $n: ptba $* while $held is open elsewhere: exit $(cat "$work/win.rc"), files $(cmp -s "$work/before.files" "$work/after.files" && echo unchanged || echo CHANGED)"
    cat "$work/win.err"
    failed=$((failed + 1))
  fi
}
locked 'plans\exemple-2024.progress.toml' 'ouvert dans un autre programme' \
  record plans/exemple-2024.toml A1.1.1 --date 2024-12-21 --progress 90
# (--force where report has it: replacing a file is the point here)
force=$("$lin" report --help | grep -q -- '--force' && echo --force || true)
locked 'out\rapport.xlsx' 'ouvert dans un autre programme' \
  report plans/exemple-2024.toml -o out/rapport.xlsx $force

echo "windows-smoke: $((n - failed)) passed, $failed failed ($(( $(date +%s) - start )) s in all)"
[ "$failed" -eq 0 ]
