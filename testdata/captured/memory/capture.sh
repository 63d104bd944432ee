#!/bin/bash
# Captures the memory snapshot formats that the fixtures lack (free in each option, busybox free, /proc/vmstat,
# buddyinfo, pagetypeinfo, zoneinfo, a NUMA node's meminfo, and the messages printed instead of data).
# Read-only: nothing here allocates memory or changes a setting. Run as root from this directory.
set -u
# the tests assert the values of the files here: a new run would change them
[ -e commands.log ] && { echo "already captured (commands.log exists); capture elsewhere" >&2; exit 1; }
log=commands.log
echo "# $(date -u +%FT%TZ) $(uname -r); $(free -V); busybox $(dpkg-query -W -f='${Version}' busybox)" > "$log"
echo "# file <- command (exit status); stdout and stderr together, unmodified" >> "$log"
cap() { # file command...
    local file=$1; shift
    bash -c "$*" > "$file" 2>&1
    echo "$file <- $* (rc=$?)" >> "$log"
}
cap free.txt free
cap free-b.txt free -b
cap free-k.txt free -k
cap free-m.txt free -m
cap free-g.txt free -g
cap free-h.txt free -h
cap free-w.txt free -w
cap free-t.txt free -t
cap free-l.txt free -l
cap free-v.txt free -v
cap free-hwt.txt free -h -w -t
cap free-si-h.txt free --si -h
cap free-mega.txt free --mega
cap free-m-s1-c2.txt free -m -s 1 -c 2
cap busybox-free.txt busybox free
cap busybox-free-m.txt busybox free -m
cap busybox-free-h.txt busybox free -h
cap proc-vmstat.txt cat /proc/vmstat
cap proc-vmstat.grep-slab-oom.txt "grep -E '^(nr_slab|oom_kill|compact_stall|pgscan_direct)' /proc/vmstat"
cap proc-buddyinfo.txt cat /proc/buddyinfo
cap proc-pagetypeinfo.txt cat /proc/pagetypeinfo
cap proc-pagetypeinfo.nobody.txt runuser -u nobody -- cat /proc/pagetypeinfo
cap proc-zoneinfo.txt cat /proc/zoneinfo
cap sys-devices-system-node-node0-meminfo.txt cat /sys/devices/system/node/node0/meminfo
cap sys-devices-system-node-node1-meminfo.missing.txt cat /sys/devices/system/node/node1/meminfo
cap proc-meminfo.txt cat /proc/meminfo
# /proc unmounted in a private mount namespace (as in a container without /proc): the messages instead of data
noproc="unshare --mount --propagation private bash -c 'umount -l /proc && exec \"\$@\"' -"
cap free.no-proc.txt "$noproc free"
cap busybox-free.no-proc.txt "$noproc busybox free"
