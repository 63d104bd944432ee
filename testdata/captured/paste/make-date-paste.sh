#!/usr/bin/env bash
# Makes date-paste.txt: what an operator pastes from a terminal, two samples of /proc/net/snmp with the time
# from `date` before each, and 50 UDP datagrams to a closed loopback port (47998, checked free) in between.
# Each "# cmd" line is followed by the real output of that command. Changes nothing on the host.
set -euo pipefail
out=${1:-date-paste.txt}
run() { echo "# $*"; bash -c "$*" 2>&1; }
ss -uan | grep -q ':47998 ' && { echo "port 47998 in use" >&2; exit 1; }
{
    run date
    run cat /proc/net/snmp
    python3 - <<'PY' >/dev/null
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(50):
    s.sendto(b"x" * 64, ("127.0.0.1", 47998))
    time.sleep(0.04)
PY
    run date
    run cat /proc/net/snmp
} > "$out"
