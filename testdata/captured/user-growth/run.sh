#!/bin/bash
# A user process that grows (20 MB a second for 6 s, 120 MB in all, then it is ended): /proc/meminfo and ps aux each
# second show AnonPages growing and which process holds it.
set -u
OUT=$(cd "$(dirname "$0")" && pwd)
python3 -c '
import time
hold = []
for i in range(8):
    hold.append(bytearray(20 << 20))
    time.sleep(1)
' &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
sleep 0.5
for i in 1 2 3 4 5 6; do
    cat /proc/meminfo > "$OUT/meminfo.000$i.txt"
    ps -eo user,pid,rss,vsz,stat,comm > "$OUT/ps-eo.000$i.txt"  # comm only: no command lines in the repo
    sleep 1
done
echo "grower: python3 pid $pid" > "$OUT/grower.txt"
