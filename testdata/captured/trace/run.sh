#!/bin/sh
# Captures tracefs traces of skb:kfree_skb with consume_skb, udp_fail_queue_rcv_skb and icmp_send enabled, in a
# private tracefs instance of a private tracefs mount (the global buffer and /sys/kernel/tracing are not touched),
# while trace_lab.py makes drops in a private network namespace. Removes the instance, the mount and the
# namespace afterwards, also on error. Needs root, iproute2, python3. Usage: run.sh [all|pipe] (pipe: only the
# trace_pipe capture, which was added in a second run; commands.log keeps both runs).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NS=dhlab-trace
MNT=$(mktemp -d /tmp/dhlab-tracefs.XXXXXX)
INST=
export LC_ALL=C
cleanup() {
    if [ -n "$INST" ] && [ -d "$INST" ]; then
        echo 0 > "$INST/tracing_on" 2>/dev/null || true
        echo 0 > "$INST/events/enable" 2>/dev/null || true
        rmdir "$INST" 2>/dev/null || true
    fi
    umount "$MNT" 2>/dev/null || true
    rmdir "$MNT" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
mount -t tracefs nodev "$MNT"
ip netns add "$NS"
ip -n "$NS" link set lo up
LOG="$HERE/commands.log"
echo "# $(date -u +%FT%TZ) $(uname -r); tracefs mounted privately at $MNT; traffic in netns $NS" >> "$LOG"

# capture FILE BUFFER_KB FLOOD [OVERWRITE]: one instance, the four events, trace_lab.py FLOOD, cat trace (or, with
# OVERWRITE 0, trace_pipe read after the run), instance removed
capture() {
    INST="$MNT/instances/dhlab-trace-$$"
    mkdir "$INST"
    echo "$2" > "$INST/buffer_size_kb"
    echo "${4:-1}" > "$INST/options/overwrite"
    echo 0 > "$INST/tracing_on"
    for e in skb/kfree_skb skb/consume_skb udp/udp_fail_queue_rcv_skb icmp/icmp_send; do
        echo 1 > "$INST/events/$e/enable"
    done
    : > "$INST/trace"
    echo 1 > "$INST/tracing_on"
    ip netns exec "$NS" python3 "$HERE/trace_lab.py" "$3" >> "$LOG" 2>&1
    echo 0 > "$INST/tracing_on"
    if [ "${4:-1}" = 0 ]; then
        timeout 2 cat "$INST/trace_pipe" > "$HERE/$1" || true
        echo "$1 <- timeout 2 cat <private tracefs>/instances/dhlab-trace-$$/trace_pipe (buffer_size_kb $2, overwrite 0, trace_lab.py $3)" >> "$LOG"
    else
        cat "$INST/trace" > "$HERE/$1"
        echo "$1 <- cat <private tracefs>/instances/dhlab-trace-$$/trace (buffer_size_kb $2, trace_lab.py $3) ($?)" >> "$LOG"
    fi
    echo 0 > "$INST/events/enable"
    rmdir "$INST"
    INST=
}
if [ "${1:-all}" = all ]; then
    capture trace-kfree_skb-consume_skb.txt 4096 300
    capture trace-kfree_skb.overwritten.txt 4 6000
fi
capture trace_pipe-kfree_skb.no-overwrite.txt 4 6000 0
echo "# instance, mount and netns removed" >> "$LOG"
