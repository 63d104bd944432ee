#!/bin/bash
# seed 004's zebra case on a real kernel: a socket that is never read, with a large receive buffer (as rmem_default
# of 50 MB gives every new socket; here SO_RCVBUFFORCE 64 MB on one socket, so no sysctl is changed), keeps
# everything that arrives in kernel memory. A UDP receiver on 127.0.0.1:47091 never reads while ~40 MB are sent to
# it; outputs are taken while it holds them. The receiver is ended at the end.
set -u
OUT=$(cd "$(dirname "$0")" && pwd)
python3 - "$OUT" <<'PY'
import socket, subprocess, sys, time, os
out = sys.argv[1]
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
r.setsockopt(socket.SOL_SOCKET, 33, 64 << 20)  # SO_RCVBUFFORCE
r.bind(("127.0.0.1", 47091))
def cap(name, cmd):
    with open(os.path.join(out, name), "w") as f:
        f.write(subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout)
cap("proc-meminfo.before.txt", "cat /proc/meminfo")
cap("proc-net-sockstat.before.txt", "cat /proc/net/sockstat")
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(30000):
    s.sendto(b"x" * 1400, ("127.0.0.1", 47091))
time.sleep(0.5)
cap("proc-meminfo.after.txt", "cat /proc/meminfo")
cap("proc-net-sockstat.after.txt", "cat /proc/net/sockstat")
cap("proc-net-udp.after.txt", "cat /proc/net/udp")
cap("ss-uamp.after.txt", "ss -uamp")
cap("sysctl-net-core.txt", "sysctl net.core.rmem_default net.core.rmem_max net.ipv4.udp_mem")
PY
