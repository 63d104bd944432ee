#!/bin/sh
# Runs as pid 1 of a private PID namespace (see run.sh): starts the lab processes, takes the listings, stops them.
set -eu
OUT=$1
MODE=${2:-all}
LOG="$OUT/commands.log"
/usr/bin/python3 "$OUT/hold.py" 64 &
HOLD=$!
/usr/bin/sleep 600 &
setpriv --reuid=65534 --regid=65534 --clear-groups sleep 601 &
sleep 1
run() { # FILE COMMAND...
    f=$1; shift
    "$@" > "$OUT/$f" 2>&1 && rc=0 || rc=$?
    echo "$f <- $* ($rc)" >> "$LOG"
}
if [ "$MODE" = wide ]; then
    run top-b-n1-c-w512.txt top -b -n1 -c -w 512
    exit 0
fi
if [ "$MODE" = grep ]; then
    run grep-E-Name-VmRSS-VmSize-proc-status.txt grep -E '^(Name|VmRSS|VmSize):' /proc/1/status /proc/2/status /proc/3/status /proc/4/status
    run grep-VmRSS-proc-PID-status.hold-py.txt grep VmRSS /proc/$HOLD/status
    exit 0
fi
run ps-aux.txt ps aux
run ps-eo-pid-comm-rss-vsz.txt ps -eo pid,comm,rss,vsz
run ps-ef.txt ps -ef
run ps-eLo-pid-tid-comm-rss.txt ps -eLo pid,tid,comm,rss
run top-b-n1.txt top -b -n1
run top-b-n1-E-g-e-m.txt top -b -n1 -E g -e m
run busybox-ps.txt busybox ps
run busybox-top-b-n1.txt busybox top -b -n1
run proc-PID-status.hold-py.txt cat /proc/$HOLD/status  # pid as seen in this namespace
# returning ends the namespace: the kernel kills the other lab processes with its pid 1
