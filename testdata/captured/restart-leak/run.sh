#!/bin/bash
# A daemon that leaks network namespaces at each restart (seed 003's pattern: a program restarting in a loop whose
# setup path leaks kernel objects). "leakyd" (a copy of /bin/sleep, so its comm is leakyd) is restarted every second
# sample; each start creates 4 namespaces with a veth pair that nobody deletes. Every second the sampler keeps
# /proc/slabinfo, /proc/meminfo and ps aux. Everything is removed at the end (also on error).
set -u
OUT=$(cd "$(dirname "$0")" && pwd)
LAB=$(mktemp -d)
cp /bin/sleep "$LAB/leakyd"
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    for ns in $(ip netns list | awk '/^labr-/{print $1}'); do ip netns del "$ns"; done
    rm -rf "$LAB"
}
trap cleanup EXIT
start() {
    for k in 1 2 3 4; do
        ns=labr-$1-$k
        ip netns add "$ns"
        ip -n "$ns" link add va type veth peer name vb
        ip -n "$ns" link set va up; ip -n "$ns" link set vb up
    done
    "$LAB/leakyd" 1000 & pid=$!
}
start 0
for i in $(seq -w 1 14); do
    cat /proc/slabinfo > "$OUT/slabinfo.00$i.txt"
    cat /proc/meminfo > "$OUT/meminfo.00$i.txt"
    ps -eo user,pid,rss,vsz,stat,comm > "$OUT/ps-eo.00$i.txt"  # comm only: no command lines (no environments) in the repo
    date +%s.%N >> "$OUT/times.txt"
    if [ $((10#$i % 2)) = 0 ] && [ "$i" != 14 ]; then kill "$pid"; wait "$pid" 2>/dev/null; start "$i"; fi
    sleep 1
done
echo "namespaces left by leakyd before cleanup: $(ip netns list | grep -c '^labr-')" > "$OUT/namespaces.txt"
