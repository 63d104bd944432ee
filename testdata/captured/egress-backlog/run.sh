#!/bin/bash
# seed 004's DPAA case on a real kernel: input faster than the egress link, and an egress queue allowed to hold a
# lot, so packets pile up in kernel memory. A veth towards a private namespace is shaped to 1 mbit by tbf with a
# 100 MB limit; a UDP sender pushes ~100 Mbit/s at it for 3 s. Samples of tc -s qdisc, /proc/meminfo and
# /proc/slabinfo are taken before and while the queue is full. Everything is removed at the end.
set -u
OUT=$(cd "$(dirname "$0")" && pwd)
cleanup() { ip link del dhq0 2>/dev/null; ip netns del dhq-a 2>/dev/null; }
trap cleanup EXIT
ip netns add dhq-a
ip link add dhq0 type veth peer name dhq1 netns dhq-a
ip addr add 10.231.0.1/24 dev dhq0; ip link set dhq0 up
ip -n dhq-a addr add 10.231.0.2/24 dev dhq1; ip -n dhq-a link set dhq1 up
tc qdisc add dev dhq0 root tbf rate 1mbit burst 32kbit limit 100mb

tc -s qdisc show > "$OUT/tc-s-qdisc.before.txt"
cat /proc/meminfo > "$OUT/proc-meminfo.before.txt"
cat /proc/slabinfo > "$OUT/slabinfo.before.txt"
python3 - <<'PY'
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 32, 200 << 20)  # SO_SNDBUFFORCE: the socket may queue more than wmem_max
t = time.time(); n = 0
while time.time() - t < 3:
    for _ in range(100):
        try:
            s.sendto(b"x" * 1200, ("10.231.0.2", 9)); n += 1
        except OSError:
            pass
    time.sleep(0.001)
print("sent", n)
PY
tc -s qdisc show > "$OUT/tc-s-qdisc.after.txt"
cat /proc/meminfo > "$OUT/proc-meminfo.after.txt"
cat /proc/slabinfo > "$OUT/slabinfo.after.txt"
