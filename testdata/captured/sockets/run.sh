#!/bin/sh
# Captures /proc/net socket tables and ss listings of a known socket set in a private network namespace
# (so only these sockets show), then removes the namespace. Needs root, iproute2, python3.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NS=dhlab-sockets
export LC_ALL=C
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add dh0 type veth peer name dh1
ip -n "$NS" link set dh0 up
ip -n "$NS" link set dh1 up
ip -n "$NS" -6 addr add 2001:db8::1:0:0:1/64 dev dh0 nodad
ip -n "$NS" -6 addr add 2001:db8:0:1:1:1:1:1/64 dev dh0 nodad
ip -n "$NS" -6 addr add fe80::aa:bb:cc:dd/64 dev dh0 nodad
{ echo "# $(date -u +%FT%TZ) $(uname -r); iproute2: $(ss -V)"; echo "# file <- command (exit status), run inside netns $NS by socket_lab.py"; } > "$HERE/commands.log"
ip netns exec "$NS" python3 "$HERE/socket_lab.py" "$HERE"
