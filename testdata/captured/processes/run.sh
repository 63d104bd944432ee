#!/bin/sh
# Captures process listings (ps, top, busybox ps/top) and /proc/PID/status in a private PID namespace with its own
# /proc, so only the lab's processes show: lab.sh (pid 1), sleep as root and as nobody, and hold.py, which keeps
# 64 MiB of touched memory and renames one thread of itself "dh worker" (a comm with a space). Also
# /proc/2/status (kthreadd, a kernel thread without Vm* lines) of the host, a ps
# error and an empty ps listing. Needs root, util-linux, procps, busybox.
# Usage: run.sh [all|wide|grep] (wide: only `top -b -n1 -c -w 512`; grep: only the two greps of status files; added
# in later runs, commands.log keeps every run).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
MODE=${1:-all}
{ echo "# $(date -u +%FT%TZ) $(uname -r); $(ps -V); busybox $(busybox | head -1 | cut -d' ' -f2); $MODE"; } >> "$HERE/commands.log"
unshare --pid --fork --mount-proc sh "$HERE/lab.sh" "$HERE" "$MODE"
[ "$MODE" = all ] || exit 0
cat /proc/2/status > "$HERE/proc-2-status.kthreadd.txt"
echo "proc-2-status.kthreadd.txt <- cat /proc/2/status (host namespace) ($?)" >> "$HERE/commands.log"
# errors and empty listings, which show no process
ps -eo pid,nosuchcol > "$HERE/ps-eo-pid-nosuchcol.error.txt" 2>&1 && rc=0 || rc=$?
echo "ps-eo-pid-nosuchcol.error.txt <- ps -eo pid,nosuchcol ($rc)" >> "$HERE/commands.log"
ps -p 999999 -o pid,rss,comm > "$HERE/ps-p-999999.empty.txt" 2>&1 && rc=0 || rc=$?
echo "ps-p-999999.empty.txt <- ps -p 999999 -o pid,rss,comm ($rc)" >> "$HERE/commands.log"
