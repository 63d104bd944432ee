#!/bin/bash
# Captures hugepage, hugetlbfs mount and NUMA layout outputs, and a hugetlbfs mount that still holds the pages of a
# DPDK process killed with SIGKILL (stale <prefix>map_N files: the pages stay allocated until the files are removed).
#
# Changes the host for about 10 s, restored by the EXIT trap also on failure: vm.nr_hugepages is raised to 96
# (192 MB) and set back to the value found; a 1 MB tmpfs with two hugetlbfs mounts under it (pagesize=2M and 1G,
# no 1 GB page is reserved) is mounted under $S and unmounted; one dpdk-testpmd (--no-pci, null vdev that
# never receives, own --file-prefix) is started and killed by its PID; its files in the mount and its
# /var/run/dpdk/<prefix> are removed. Holds /run/lock/drophound-hugepages.lock throughout (other helpers reserve
# hugepages on the same machine). Run as root from this directory.
#
# Mount listings leave out tmpfs mounts (grep -v -w tmpfs, mount/findmnt -t notmpfs) except under $S: one of this
# host's tmpfs mounts belongs to the sandbox that runs the capture, not to the system under test.
set -u
cd "$(dirname "$0")"
[ -e commands.log ] && { echo "already captured (commands.log exists); capture elsewhere" >&2; exit 1; }
exec 9>/run/lock/drophound-hugepages.lock
flock 9

S=/tmp/drophound-huge
HUGE=$S/mnt/huge-2M
HUGE1G=$S/mnt/huge-1G
PREFIX=dhhuge
NR0=$(cat /proc/sys/vm/nr_hugepages)
RUNDIR_EXISTED=0; [ -d /var/run/dpdk ] && RUNDIR_EXISTED=1
PID=

cleanup() {
    [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    rm -f "$HUGE"/* 2>/dev/null
    for m in "$HUGE" "$HUGE1G" "$S/mnt"; do mountpoint -q "$m" && umount "$m"; done
    echo "$NR0" > /proc/sys/vm/nr_hugepages
    rm -rf "/var/run/dpdk/$PREFIX"
    [ $RUNDIR_EXISTED = 0 ] && rmdir /var/run/dpdk 2>/dev/null
    rm -rf "$S"
    echo "restored: nr_hugepages=$(cat /proc/sys/vm/nr_hugepages) (found $NR0);" \
        "hugetlbfs mounts: $(grep -c hugetlbfs /proc/mounts)" >&2
}
trap cleanup EXIT

log=commands.log
echo "# $(date -u +%FT%TZ) $(uname -r); $(dpkg-query -W -f='${Package} ${Version}, ' dpdk dpdk-dev util-linux mount coreutils findutils)" > "$log"
echo "# file <- command (exit status); stdout and stderr together, unmodified" >> "$log"
cap() { # file command...
    local file=$1; shift
    bash -c "$*" > "$file" 2>&1
    echo "$file <- $* (rc=$?)" >> "$log"
}
note() { echo "# $*" >> "$log"; }

# ---- NUMA layout and the untouched state (read-only)
cap lscpu.txt lscpu
cap grep-node-cpulist.txt "grep . /sys/devices/system/node/node*/cpulist"
cap grep-H-node-cpulist.txt "grep -H . /sys/devices/system/node/node*/cpulist"
cap cat-node0-cpulist.txt cat /sys/devices/system/node/node0/cpulist
cap ls-l-dev-hugepages.missing.txt ls -l /dev/hugepages
cap grep-r-node-hugepages.before.txt "grep -r . /sys/devices/system/node/node*/hugepages/"
cap grep-r-in-sys-kernel-mm-hugepages.before.txt "cd /sys/kernel/mm/hugepages && grep -r ."
cap grep-in-hugepages-2048kB.before.txt "cd /sys/kernel/mm/hugepages/hugepages-2048kB && grep . *"

# ---- reserve 96 x 2 MB, mount hugetlbfs for 2 MB and 1 GB pages under a tmpfs
mkdir -p "$S/mnt"
mount -t tmpfs -o size=1M,mode=755 none "$S/mnt"
mkdir -p "$HUGE" "$HUGE1G"
mount -t hugetlbfs -o pagesize=2M nodev "$HUGE"
mount -t hugetlbfs -o pagesize=1G nodev "$HUGE1G"
note "mounted tmpfs at $S/mnt, hugetlbfs pagesize=2M at $HUGE and pagesize=1G at $HUGE1G"
echo 96 > /proc/sys/vm/nr_hugepages
note "vm.nr_hugepages: $NR0 -> $(cat /proc/sys/vm/nr_hugepages) (restored at the end)"

cap proc-mounts.grep-hugetlbfs.txt "grep hugetlbfs /proc/mounts"
cap proc-mounts.notmpfs.txt "grep -v -w tmpfs /proc/mounts"
cap proc-self-mountinfo.notmpfs.txt "grep -v -w tmpfs /proc/self/mountinfo"
cap proc-self-mountinfo.grep-hugetlbfs.txt "grep hugetlbfs /proc/self/mountinfo"
cap mount-t-hugetlbfs.txt mount -t hugetlbfs
cap mount.notmpfs.txt mount -t notmpfs
cap findmnt.notmpfs.txt findmnt -t notmpfs
cap findmnt-R-scratch.txt findmnt -R "$S/mnt"
cap findmnt-t-hugetlbfs.txt findmnt -t hugetlbfs
cap findmnt-l-t-hugetlbfs.txt findmnt -l -t hugetlbfs
cap findmnt-ln-t-hugetlbfs.txt findmnt -ln -t hugetlbfs
cap findmnt-l.notmpfs.txt findmnt -l -t notmpfs
cap dpdk-hugepages-s.two-mounts.txt dpdk-hugepages.py -s
cap grep-r-sys-kernel-mm-hugepages.reserved.txt "grep -r . /sys/kernel/mm/hugepages/"

# ---- a DPDK process takes pages from the 2 MB mount and is killed while it waits at "Press enter to exit"
# (its stdin is a FIFO this script holds open and never writes to; stdbuf -oL so that its stdout, block-buffered
# into a file, shows "Press enter to exit" when it is printed)
mkfifo "$S/stdin"
exec 8<>"$S/stdin"
stdbuf -oL dpdk-testpmd --lcores=0@0,1@0 --no-pci --file-prefix=$PREFIX --vdev=net_null0,no-rx=1 --huge-dir="$HUGE" \
    -- --forward-mode=rxonly --total-num-mbufs=8192 < "$S/stdin" > dpdk-testpmd.killed.txt 2>&1 &
PID=$!
note "dpdk-testpmd.killed.txt <- stdbuf -oL dpdk-testpmd --lcores=0@0,1@0 --no-pci --file-prefix=$PREFIX --vdev=net_null0,no-rx=1 --huge-dir=$HUGE -- --forward-mode=rxonly --total-num-mbufs=8192 < FIFO that never sends Enter; pid $PID)"
for _ in $(seq 1 60); do
    grep -q "Press enter to exit" dpdk-testpmd.killed.txt && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.5
done
cap meminfo-huge.running.txt "grep -i huge /proc/meminfo"
kill -9 "$PID"; wait "$PID" 2>/dev/null
note "kill -9 $PID (exit status $?)"
PID=

cap ls-l-huge-2M.stale.txt ls -l "$HUGE"
cap ls-la-huge-2M.stale.txt ls -la "$HUGE"
cap ls-lR-scratch.stale.txt ls -lR "$S/mnt"
cap du-a-huge-2M.stale.txt du -a "$HUGE"
cap du-ab-huge-2M.stale.txt du -ab "$HUGE"
cap find-ls-huge-2M.stale.txt find "$HUGE" -ls
cap ls-la-var-run-dpdk-prefix.stale.txt ls -la "/var/run/dpdk/$PREFIX"
cap meminfo-huge.stale.txt "grep -i huge /proc/meminfo"
cap grep-r-sys-kernel-mm-hugepages.stale.txt "grep -r . /sys/kernel/mm/hugepages/"
cap grep-r-node-hugepages.stale.txt "grep -r . /sys/devices/system/node/node*/hugepages/"
cap grep-H-hugepages-2048kB.stale.txt "grep -H . /sys/kernel/mm/hugepages/hugepages-2048kB/*"
cap head-hugepages-2048kB.stale.txt "head /sys/kernel/mm/hugepages/hugepages-2048kB/*"
cap cat-hugepages-2048kB-nr_hugepages.txt cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages
cap dpdk-hugepages-s.stale.txt dpdk-hugepages.py -s

# ---- removing the files gives the pages back
rm -f "$HUGE"/*
note "rm -f $HUGE/*"
cap meminfo-huge.removed.txt "grep -i huge /proc/meminfo"
cap grep-r-sys-kernel-mm-hugepages.removed.txt "grep -r . /sys/kernel/mm/hugepages/"
cap ls-l-huge-2M.removed.txt ls -l "$HUGE"
