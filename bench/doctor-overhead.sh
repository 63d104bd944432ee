#!/usr/bin/env bash
# How much a live run costs beyond --duration: wall time, CPU and peak RSS of `drophound doctor`, with and
# without tracing, on this host. Usage: bench/doctor-overhead.sh [duration] [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-2s}
runs=${2:-3}
./drophound --version >/dev/null        # build once, outside the measurement
for mode in trace no-trace; do
    flag=$([ "$mode" = no-trace ] && echo --no-trace || true)
    for i in $(seq "$runs"); do
        /usr/bin/time -f "$mode run $i: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
            ./drophound doctor --duration "$duration" $flag --format json -o /dev/null 2>&1 | grep "run $i"
    done
done
