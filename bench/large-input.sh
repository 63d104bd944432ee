#!/usr/bin/env bash
# Benchmark: drophound on a 2 GiB evidence file stays within a fixed heap and says what it did not read.
# The file is real nstat output (testdata/fixtures/08-healthy-baseline/nstat-asz.txt) repeated to 2 GiB.
# Usage: bench/large-input.sh [size-in-MiB, default 2048] [heap, default 256m] [--max-file-size, default 16M]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
size_mib=${1:-2048}
heap=${2:-256m}
max=${3:-16M}
work=$(mktemp -d /tmp/drophound-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

src=testdata/fixtures/08-healthy-baseline/nstat-asz.txt
big="$work/nstat-asz.txt"
target=$((size_mib * 1024 * 1024))
echo "bench: writing $size_mib MiB of real nstat output to $big"
cp "$src" "$big"
while [ "$(stat -c %s "$big")" -lt "$target" ]; do cat "$big" "$big" > "$big.2"; mv "$big.2" "$big"; done
truncate -s "$target" "$big"
cp testdata/fixtures/08-healthy-baseline/proc-net-snmp.txt "$work/"

./drophound --version >/dev/null   # build first, so the timing is the analysis only
echo "bench: analysing with -Xmx$heap --max-file-size $max"
/usr/bin/time -f "bench: wall %e s, max RSS %M KiB, exit %x" \
    env DROPHOUND_JAVA_OPTS="-Xmx$heap" ./drophound analyze --max-file-size "$max" --format json -o "$work/report.json" "$work" || true
grep -o '"message" : "file is [^"]*"' "$work/report.json" | head -1
python3 -c "import json,sys; d=json.load(open('$work/report.json')); print('bench: formats', d['inputs']['formats'], '| verdict:', d['verdict']['summary'][:80])"
