#!/usr/bin/env bash
# Runs every speed bar of the "fast on every CPU" issue as interleaved rounds (Kiln and ORT
# alternating in one JVM, see bench/README.md) and prints one summary line per row, then the
# machine's ISA. Takes about ten minutes on two cores.
#
#   bench/bars.sh [--no-build] [--rounds N] [--runs N] [--warmup S]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build=()
opts=()
while (( $# )); do
  case "$1" in
    --no-build) build=(--no-build); shift ;;
    --rounds|--runs|--warmup) opts+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "bars.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
rows=(
  "--model fp32 --batch 1 --seq 128 --threads 1"
  "--model fp32 --batch 1 --seq 128 --threads 2"
  "--model fp32 --batch 1 --seq 16 --threads 1"
  "--model fp32 --batch 1 --seq 16 --threads 2"
  "--model fp32 --batch 8 --seq 128 --threads 2"
  "--model fp32 --batch 32 --seq 64 --threads 2"
  "--model int8 --batch 1 --seq 128 --threads 1"
  "--op CONV_3X3 --threads 1"
  "--op CONV_INTEGER_3X3 --threads 1"
  "--op CONV_3X3_FP16 --threads 1"
  "--op MATMUL_1024 --threads 1"
)
summary=()
for row in "${rows[@]}"; do
  # shellcheck disable=SC2086
  line="$("$here/run.sh" --interleaved "${build[@]}" $row "${opts[@]}" 2>&1 | tee -a /dev/stderr | grep 'Kiln/ORT median' | tail -1)"
  summary+=("${line:-$row: no result (see above)}")
  build=(--no-build)
done
echo
echo "== bars on $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'),"\
  "$(grep -q avx512f /proc/cpuinfo 2>/dev/null && echo AVX-512 || echo 'no AVX-512')"
printf '%s\n' "${summary[@]}"
