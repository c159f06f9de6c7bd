#!/usr/bin/env bash
# Builds Kiln, runs the JMH suite (Kiln and ONNX Runtime side by side) on the newest JDK found,
# and writes bench/RESULTS.md and bench/ratios.png.
#
#   bench/run.sh [--quick] [--no-build] [BenchMain options, e.g. --include OpBench --param op=MATMUL_512]
#   bench/run.sh --interleaved [--no-build] [Interleaved options, e.g. --model fp32 --seq 128 --threads 2]
#
# --quick runs a subset with one fork and short iterations (a few minutes); without it the full
# suite runs (expect an hour or more on a small machine). Extra options go to dev.kiln.bench.BenchMain.
# --interleaved instead alternates Kiln and ORT in rounds and prints the median of the per-round
# ratios (dev.kiln.bench.Interleaved), for a machine whose speed drifts during a JMH run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
run="full"
build=1
interleaved=0
extra=()
for arg in "$@"; do
  case "$arg" in
    --quick) run="quick"; extra+=("--quick") ;;
    --interleaved) interleaved=1 ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) extra+=("$arg") ;;
  esac
done
if [[ "$run" == "full" && ${#extra[@]} -gt 0 ]]; then run="partial"; fi
if (( interleaved )); then
  if [[ "$run" == "quick" ]]; then echo "run.sh: --interleaved and --quick do not go together" >&2; exit 2; fi
  run="interleaved"
fi

# The newest JDK: feature version of every java we can find, highest wins.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | sed 's/^1\.//'
}
best=""; best_v=0
candidates=()
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then candidates+=("$JAVA_HOME/bin/java"); fi
for d in /usr/lib/jvm/*/ /opt/java/*/ /opt/jdk*/; do
  if [[ -x "$d/bin/java" ]]; then candidates+=("${d%/}/bin/java"); fi
done
if command -v java >/dev/null; then candidates+=("$(command -v java)"); fi
for j in "${candidates[@]}"; do
  v="$(java_feature "$j" || true)"
  if [[ "$v" =~ ^[0-9]+$ ]] && (( v > best_v )); then best="$j"; best_v="$v"; fi
done
if [[ -z "$best" ]]; then echo "run.sh: no java found" >&2; exit 1; fi
if (( best_v < 17 )); then echo "run.sh: need JDK 17+, newest found is $best_v ($best)" >&2; exit 1; fi
echo "run.sh: JDK $best_v at $best"

if (( build )); then
  echo "run.sh: building (mvn -DskipTests package)"
  (cd "$root" && { mvn -q -o -DskipTests package || mvn -q -DskipTests package; })
fi
jar="$(ls "$here"/target/kiln-bench-*.jar 2>/dev/null | head -1)"
if [[ -z "$jar" || ! -d "$here/target/lib" ]]; then echo "run.sh: bench/target is not built; run without --no-build" >&2; exit 1; fi
cp="$jar:$here/target/lib/*"

flags=(--add-modules jdk.incubator.vector)
if (( best_v >= 22 )); then flags+=(--enable-native-access=ALL-UNNAMED); fi
if (( best_v >= 23 )); then flags+=(--sun-misc-unsafe-memory-access=allow); fi

if [[ "$run" == "interleaved" ]]; then
  # Kiln and ORT in alternating rounds, printed to the console (dev.kiln.bench.Interleaved)
  exec "$best" "${flags[@]}" -cp "$cp" dev.kiln.bench.Interleaved "${extra[@]}"
fi

out="$here/target"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ]]; then commit="$commit (with uncommitted changes)"; fi

echo "run.sh: running the $run suite; JMH log in $out/jmh-log.txt"
"$best" "${flags[@]}" -cp "$cp" dev.kiln.bench.BenchMain \
  --json "$out/jmh-result.json" --skips "$out/jmh-skips.tsv" "${extra[@]}" 2>&1 | tee "$out/jmh-log.txt"

"$best" "${flags[@]}" -Djava.awt.headless=true -cp "$cp" dev.kiln.bench.ResultsReport \
  --json "$out/jmh-result.json" --skips "$out/jmh-skips.tsv" \
  --out "$here/RESULTS.md" --chart "$here/ratios.png" \
  --run "$run" --commit "$commit" --load-before "$load_before"
echo "run.sh: wrote $here/RESULTS.md and $here/ratios.png"
