#!/usr/bin/env bash
# ovs-dpdk-lab.sh OUTDIR : real OVS-DPDK and DPDK EAL memory failures, provoked on this host, for RealOvsDpdkIT.
#
# Runs Debian's ovs-vswitchd-dpdk (openvswitch-switch-dpdk) and dpdk-testpmd (dpdk-dev) on a few 2 MB hugepages,
# the way testdata/fixtures/06-ovs-dpdk-memory and 07-dpdk-testpmd-memory did, and writes into OUTDIR:
#   b   EAL memory failure: ovs-vswitchd with dpdk-socket-mem=1024 and 64 x 2 MB pages (128 MB) reserved
#       -> ovs-vswitchd.b.log / .stderr.txt / .exit-status.txt, other_config.b.txt;
#       dpdk-testpmd --socket-mem=1024 with the same 128 MB -> dpdk-testpmd.socket-mem-too-large.txt
#   c   64 pages, port dpdk0 (net_null0,no-rx=1) at MTU 1500, then mtu_request=9000
#       -> 'Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0' in ovs-vswitchd.c.log
#       (netdev_dpdk debug logging on), with ovs-vsctl list Interface/Open_vSwitch, dpdk/get-malloc-stats,
#       /proc/meminfo hugepage lines, /sys/kernel/mm/hugepages and the hugetlbfs mounts at each step
#   healthy/  512 pages (1 GB), dpdk0 at MTU 1500 gets its full 262144-mbuf pool: a clean start-up log + state
# OUTDIR/commands.log says which command made each file (file <- command (rc=N)), as in the fixtures.
#
# Safety (this is a shared VM; see testdata/fixtures/06-ovs-dpdk-memory/NOTES.md):
# * holds the HUGEPAGE LOCK (flock /run/lock/drophound-hugepages.lock) from before the first change until all
#   is restored; refuses to run when hugepages are in use by someone else;
# * all daemon state lives in a mktemp scratch dir under $TMPDIR (default /tmp): OVS_RUNDIR/OVS_DBDIR/OVS_LOGDIR,
#   the unixctl sockets, and the hugetlbfs mount (never /dev/hugepages); ovs-vswitchd runs in its own network namespace
#   (unshare --net), so the taps of its userspace datapath (br0, ovs-netdev) never appear on the host;
# * DPDK always gets --no-pci and a --file-prefix unique to this run; the only port is net_null0,no-rx=1
#   (it receives nothing) and all flows are deleted: no packet goes anywhere;
# * the EXIT trap (also on failure, SIGINT and SIGTERM) stops the daemons it started BY PID, unmounts its
#   hugetlbfs, restores vm.nr_hugepages to the value found, removes /var/run/dpdk/<its prefix>* and the scratch.
# The daemons do not inherit the lock's fd: a killed lab does not leave the lock held by its orphans.
# Every wait polls with a deadline. Exit 0 = every expected line was seen; 1 = a case did not produce its
# line (files kept, reason on stderr); 2 = cannot run here (not root, packages missing, hugepages busy).
set -euo pipefail
export LC_ALL=C

VSWITCHD=/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk
LOCK=/run/lock/drophound-hugepages.lock
SMALL_PAGES=64       # 128 MB: too small for an MTU 9000 pool, and less than dpdk-socket-mem
HEALTHY_PAGES=512    # 1 GB: room for the default 262144 x 2880 B pool of an MTU 1500 port
SOCKET_MEM=1024      # MB asked by dpdk-socket-mem / --socket-mem in case b

die2() { echo "ovs-dpdk-lab: $*" >&2; exit 2; }
[ $# = 1 ] || die2 "usage: $0 OUTDIR"
[ "$(id -u)" = 0 ] || die2 "needs root (hugepages, hugetlbfs mount, DPDK)"
missing=()
for c in "$VSWITCHD" ovsdb-server ovsdb-tool ovs-vsctl ovs-appctl ovs-ofctl dpdk-testpmd unshare flock mountpoint timeout; do
    command -v "$c" >/dev/null 2>&1 || missing+=("$c")
done
[ -r /usr/share/openvswitch/vswitch.ovsschema ] || missing+=(/usr/share/openvswitch/vswitch.ovsschema)
[ ${#missing[@]} = 0 ] || die2 "missing: ${missing[*]} (Debian: apt-get install openvswitch-switch-dpdk dpdk-dev)"
[ -w /proc/sys/vm/nr_hugepages ] || die2 "/proc/sys/vm/nr_hugepages is not writable"

mkdir -p "$1"
OUT=$(cd "$1" && pwd)
HEALTHY=$OUT/healthy
mkdir -p "$HEALTHY"
START=$SECONDS
FAILS=()

# ---- state the trap undoes ------------------------------------------------------------------------------
S=                    # scratch dir
HUGE=                 # our hugetlbfs mount point
HP_ORIG=              # vm.nr_hugepages as found (set once the lock is held)
DB_PID=               # ovsdb-server
V_PID=                # ovs-vswitchd (unshare execs it: same pid)
TP_PID=               # dpdk-testpmd (its timeout wrapper)
PREFIX=dhlab$$        # DPDK --file-prefix of this run; /var/run/dpdk/$PREFIX* is ours
DPDK_RUNDIR_EXISTED=1

log() { printf '[ovs-dpdk-lab %3ds] %s\n' "$((SECONDS - START))" "$*"; }
note() { printf '# %s\n' "$*" >> "$OUT/commands.log"; log "$*"; }

stop_pid() { # stop_pid PID NAME : TERM, wait up to 5 s, then KILL; only this pid
    local pid=$1 i
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        log "$2 (pid $pid) did not stop on SIGTERM, killed"
    fi
    wait "$pid" 2>/dev/null || true
}

stop_vswitchd() {
    [ -n "$V_PID" ] || return 0
    if kill -0 "$V_PID" 2>/dev/null; then
        timeout 10 ovs-appctl -t "$S/run/vswitchd.ctl" exit --cleanup >/dev/null 2>&1 || true
        local i
        for i in $(seq 50); do kill -0 "$V_PID" 2>/dev/null || break; sleep 0.1; done
    fi
    stop_pid "$V_PID" ovs-vswitchd
    V_PID=
    rm -f "$S/run/vswitchd.ctl"
}

cleanup() {
    local rc=$?
    trap '' INT TERM          # finish restoring even if signalled again
    set +e
    stop_pid "$TP_PID" dpdk-testpmd; TP_PID=
    stop_vswitchd
    if [ -n "$DB_PID" ]; then
        timeout 10 ovs-appctl -t "$S/run/ovsdb-server.ctl" exit >/dev/null 2>&1
        stop_pid "$DB_PID" ovsdb-server; DB_PID=
    fi
    if [ -n "$HUGE" ] && mountpoint -q "$HUGE"; then
        umount "$HUGE" || umount -l "$HUGE"
        log "unmounted $HUGE"
    fi
    if [ -n "$HP_ORIG" ] && [ "$(cat /proc/sys/vm/nr_hugepages)" != "$HP_ORIG" ]; then
        echo "$HP_ORIG" > /proc/sys/vm/nr_hugepages
        log "vm.nr_hugepages restored to $HP_ORIG (now $(cat /proc/sys/vm/nr_hugepages))"
    fi
    rm -rf /var/run/dpdk/"$PREFIX"*
    [ "$DPDK_RUNDIR_EXISTED" = 0 ] && rmdir /var/run/dpdk 2>/dev/null
    if [ -n "$S" ] && [ -d "$S" ] && ! { [ -n "$HUGE" ] && mountpoint -q "$HUGE"; }; then
        rm -rf --one-file-system "$S"
    fi
    exec 9>&- 2>/dev/null     # release the hugepage lock
    log "cleaned up (exit $rc)"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "SIGINT"; exit 130' INT
trap 'log "SIGTERM"; exit 143' TERM

# ---- capture helpers (as testdata/fixtures/lib.sh: raw stdout+stderr, one commands.log line each) --------
: > "$OUT/commands.log"
echo "# $(date -u +%FT%TZ) $(uname -r), src/test/lab/ovs-dpdk-lab.sh" >> "$OUT/commands.log"
echo "# file <- command (exit status)" >> "$OUT/commands.log"
cap() { # cap FILE CMD... (FILE relative to OUT)
    local name=$1 rc=0; shift
    "$@" > "$OUT/$name" 2>&1 || rc=$?
    printf '%s <- %s (rc=%s)\n' "$name" "$*" "$rc" >> "$OUT/commands.log"
}
capsh() { # capsh FILE 'pipeline'
    local name=$1 rc=0
    bash -c "$2" > "$OUT/$name" 2>&1 || rc=$?
    printf '%s <- %s (rc=%s)\n' "$name" "$2" "$rc" >> "$OUT/commands.log"
}
hugeinfo() { # hugeinfo DIR-PREFIX CASE : the hugepage state as the case saw it
    capsh "$1meminfo-huge.$2.txt" "grep -i huge /proc/meminfo"
    capsh "$1sys-kernel-mm-hugepages.$2.txt" "grep -r . /sys/kernel/mm/hugepages/"
    capsh "$1mounts-hugetlbfs.$2.txt" "grep hugetlbfs /proc/mounts || echo '(no hugetlbfs mounted)'"
}
expect() { # expect FILE REGEX WHAT : record a failure when the real output lacks the line
    if ! grep -Eq -- "$2" "$1" 2>/dev/null; then
        FAILS+=("$3: no line matching /$2/ in ${1#"$OUT"/}")
        log "MISSING $3"
    fi
}
wait_for() { # wait_for FILE REGEX SECONDS [PID] : 0 when the line is there; 1 on deadline or when PID exits
    local file=$1 re=$2 deadline=$((SECONDS + $3)) pid=${4:-}
    while [ $SECONDS -lt $deadline ]; do
        grep -Eq -- "$re" "$file" 2>/dev/null && return 0
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
            grep -Eq -- "$re" "$file" 2>/dev/null && return 0
            return 1
        fi
        sleep 0.1
    done
    return 1
}
hp() { # hp N : reserve N x 2 MB pages (absolute), check the kernel gave them
    echo "$1" > /proc/sys/vm/nr_hugepages
    local got; got=$(cat /proc/sys/vm/nr_hugepages)
    note "vm.nr_hugepages=$1 (got $got; found $HP_ORIG, restored at exit)"
    [ "$got" = "$1" ] || { echo "ovs-dpdk-lab: asked for $1 hugepages, the kernel gave $got" >&2; exit 1; }
}

# ---- the lock, then the state we will restore --------------------------------------------------------------
exec 9> "$LOCK"
log "waiting for $LOCK"
flock -w 600 9 || die2 "hugepage lock $LOCK still held after 600 s"
read -r total free surplus < <(awk '/^HugePages_Total:/{t=$2} /^HugePages_Free:/{f=$2} /^HugePages_Surp:/{s=$2} END{print t, f, s}' /proc/meminfo)
[ "$total" = "$free" ] && [ "$surplus" = 0 ] || die2 "hugepages in use by another program (HugePages_Total $total, Free $free, Surp $surplus): not touching them"
HP_ORIG=$(cat /proc/sys/vm/nr_hugepages)
[ -d /var/run/dpdk ] || DPDK_RUNDIR_EXISTED=0
ulimit -c 0                  # ovs-vswitchd aborts in case b: no core file
S=$(mktemp -d "${TMPDIR:-/tmp}/ovs-dpdk-lab.XXXXXX")
[ ${#S} -le 70 ] || die2 "scratch path $S too long for the unix sockets below it (TMPDIR=${TMPDIR:-})"
HUGE=$S/hugepages
mkdir -p "$S/run" "$S/db" "$S/log" "$S/etc" "$HUGE"
export OVS_RUNDIR=$S/run OVS_DBDIR=$S/db OVS_LOGDIR=$S/log OVS_SYSCONFDIR=$S/etc
DB=unix:$S/run/db.sock
VCTL=$S/run/vswitchd.ctl
VSCTL=(timeout 30 ovs-vsctl "--db=$DB" --timeout=20)
APPCTL=(timeout 30 ovs-appctl -t "$VCTL")
note "scratch $S, DPDK file prefix $PREFIX, vm.nr_hugepages was $HP_ORIG"
cap uname-a.txt uname -a
cap ovs-vswitchd-version.txt "$VSWITCHD" --version
capsh package-versions.txt "dpkg-query -W openvswitch-switch-dpdk openvswitch-common dpdk-dev librte-eal23"

# ---- ovsdb-server, private ---------------------------------------------------------------------------------
ovsdb-tool create "$S/db/conf.db" /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server "$S/db/conf.db" "--remote=punix:$S/run/db.sock" "--unixctl=$S/run/ovsdb-server.ctl" \
    "--log-file=$S/log/ovsdb-server.log" > "$S/log/ovsdb-server.stderr" 2>&1 9>&- &
DB_PID=$!
deadline=$((SECONDS + 20))
until [ -S "$S/run/db.sock" ]; do
    kill -0 "$DB_PID" 2>/dev/null || { cat "$S/log/ovsdb-server.stderr" >&2; echo "ovsdb-server exited" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "ovsdb-server socket not there after 20 s" >&2; exit 1; }
    sleep 0.1
done
"${VSCTL[@]}" --no-wait init
PMD_MASK=()
[ "$(nproc)" -ge 2 ] && PMD_MASK=(other_config:pmd-cpu-mask=0x2)
# pmd-maxsleep: the PMD thread may sleep when idle (it would spin a whole CPU of this shared VM otherwise)
"${VSCTL[@]}" --no-wait set Open_vSwitch . other_config:dpdk-init=true \
    "other_config:dpdk-extra=\"--no-pci --file-prefix=$PREFIX\"" other_config:pmd-maxsleep=10000 "${PMD_MASK[@]}"

# start_vswitchd LOGFILE STDERRFILE : returns 0 when up (bridge module started), 1 when it exited (V_PID empty)
start_vswitchd() {
    local log=$1 err=$2
    rm -f "$log"
    unshare --net -- "$VSWITCHD" "$DB" "--unixctl=$VCTL" "--log-file=$log" > "$err" 2>&1 9>&- &
    V_PID=$!
    printf '%s, %s <- unshare --net -- %s %s --unixctl=%s --log-file=%s (pid %s)\n' "${log#"$OUT"/}" "${err#"$OUT"/}" \
        "$VSWITCHD" "$DB" "$VCTL" "$log" "$V_PID" >> "$OUT/commands.log"
    if wait_for "$log" 'bridge\|INFO\|ovs-vswitchd' 30 "$V_PID"; then
        local deadline=$((SECONDS + 10))
        until [ -S "$VCTL" ] || [ $SECONDS -ge $deadline ]; do sleep 0.1; done
        [ -S "$VCTL" ] && return 0
    fi
    return 1
}
# vswitchd_exit CASE : wait (30 s) for an aborting ovs-vswitchd, save its exit status
vswitchd_exit() {
    local i rc
    for i in $(seq 300); do kill -0 "$V_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$V_PID" 2>/dev/null; then
        FAILS+=("case $1: ovs-vswitchd still running after 30 s"); stop_vswitchd; return
    fi
    rc=0; wait "$V_PID" || rc=$?
    V_PID=
    echo "$rc" > "$OUT/ovs-vswitchd.$1.exit-status.txt"
    note "case $1: ovs-vswitchd exited with status $rc"
}

# ---- b: EAL memory failure --------------------------------------------------------------------------------
mount -t hugetlbfs -o pagesize=2M nodev "$HUGE"
note "mounted hugetlbfs (pagesize=2M) at $HUGE"
hp $SMALL_PAGES
"${VSCTL[@]}" --no-wait set Open_vSwitch . other_config:dpdk-socket-mem=$SOCKET_MEM
capsh other_config.b.txt "${VSCTL[*]} --no-wait get Open_vSwitch . other_config"
hugeinfo "" b
if start_vswitchd "$OUT/ovs-vswitchd.b.log" "$OUT/ovs-vswitchd.b.stderr.txt"; then
    FAILS+=("case b: ovs-vswitchd started although dpdk-socket-mem=$SOCKET_MEM exceeds the hugepages")
    stop_vswitchd
else
    vswitchd_exit b
fi
expect "$OUT/ovs-vswitchd.b.log" "EAL: Not enough memory available on socket 0! Requested: ${SOCKET_MEM}MB" "case b (ovs-vswitchd EAL)"
"${VSCTL[@]}" --no-wait remove Open_vSwitch . other_config dpdk-socket-mem

# the same with dpdk-testpmd (fixture 07 case 05); stdin gives the Enter a successful run would wait for
TP_CMD=(timeout 60 dpdk-testpmd --lcores=0@0,1@0 --no-pci "--file-prefix=${PREFIX}tp" --vdev=net_null0,no-rx=1
        "--huge-dir=$HUGE" "--socket-mem=$SOCKET_MEM" -- --forward-mode=rxonly)
echo | "${TP_CMD[@]}" > "$OUT/dpdk-testpmd.socket-mem-too-large.txt" 2>&1 9>&- &
TP_PID=$!
rc=0; wait "$TP_PID" || rc=$?
TP_PID=
echo "$rc" > "$OUT/dpdk-testpmd.socket-mem-too-large.exit-status.txt"
printf '%s <- echo | %s (rc=%s)\n' dpdk-testpmd.socket-mem-too-large.txt "${TP_CMD[*]}" "$rc" >> "$OUT/commands.log"
expect "$OUT/dpdk-testpmd.socket-mem-too-large.txt" "Not enough memory available on socket 0! Requested: ${SOCKET_MEM}MB" "case b (dpdk-testpmd EAL)"
rm -rf /var/run/dpdk/"$PREFIX"*

# ---- c: MTU 9000 mempool failure on 128 MB ---------------------------------------------------------------
hugeinfo "" c.start
if start_vswitchd "$OUT/ovs-vswitchd.c.log" "$OUT/ovs-vswitchd.c.stderr.txt"; then
    note "case c: ovs-vswitchd running (pid $V_PID)"
    cap vlog-set.c.txt "${APPCTL[@]}" vlog/set netdev_dpdk:file:dbg
    "${VSCTL[@]}" add-br br0 -- set bridge br0 datapath_type=netdev
    timeout 10 ovs-ofctl del-flows br0
    capsh ovs-vsctl-add-port.c.mtu1500.txt "${VSCTL[*]} add-port br0 dpdk0 -- set Interface dpdk0 type=dpdk 'options:dpdk-devargs=net_null0,no-rx=1'"
    wait_for "$OUT/ovs-vswitchd.c.log" 'bridge br0: added interface dpdk0' 30 "$V_PID" || true
    expect "$OUT/ovs-vswitchd.c.log" 'Allocated "ovs[0-9a-f]+" mempool with [0-9]+ mbufs' "case c (MTU 1500 pool)"
    cap ovs-vsctl-list-interface-dpdk0.c.mtu1500.txt "${VSCTL[@]}" list Interface dpdk0
    cap ovs-appctl-dpdk-get-malloc-stats.c.mtu1500.txt "${APPCTL[@]}" dpdk/get-malloc-stats
    hugeinfo "" c.mtu1500

    capsh ovs-vsctl-set-mtu9000.c.txt "${VSCTL[*]} set Interface dpdk0 mtu_request=9000"
    wait_for "$OUT/ovs-vswitchd.c.log" 'Failed to set interface dpdk0 new configuration' 60 "$V_PID" || true
    expect "$OUT/ovs-vswitchd.c.log" 'netdev_dpdk\|ERR\|Failed to create memory pool for netdev dpdk0, with MTU 9000 on socket 0' "case c (MTU 9000)"
    cap ovs-vsctl-list-interface-dpdk0.c.mtu9000.txt "${VSCTL[@]}" list Interface dpdk0
    cap ovs-vsctl-list-open_vswitch.c.mtu9000.txt "${VSCTL[@]}" list Open_vSwitch
    cap ovs-appctl-dpdk-get-malloc-stats.c.mtu9000.txt "${APPCTL[@]}" dpdk/get-malloc-stats
    hugeinfo "" c.mtu9000
    # drophound doctor on this host while OVS runs with its pages reserved and mounted (DROPHOUND_LIVE is the
    # command that runs drophound, set by RealOvsDpdkIT): it reads the hugepages, the mount and the log live
    if [ -n "${DROPHOUND_LIVE:-}" ]; then
        mkdir -p "$OUT/live"
        note "c: drophound doctor while ovs-vswitchd runs"
        # shellcheck disable=SC2086 # DROPHOUND_LIVE is a command with its arguments
        timeout 120 $DROPHOUND_LIVE doctor --duration 1s --no-trace --format json \
            --log "$OUT/ovs-vswitchd.c.log" -o "$OUT/live/doctor.json" </dev/null > "$OUT/live/doctor.out" 2>&1 \
            || FAILS+=("case c: drophound doctor failed (see live/doctor.out)")
    fi
else
    FAILS+=("case c: ovs-vswitchd did not start (see ovs-vswitchd.c.stderr.txt)")
fi
stop_vswitchd
"${VSCTL[@]}" --no-wait --if-exists del-br br0
rm -rf /var/run/dpdk/"$PREFIX"*

# ---- healthy: enough pages, dpdk0 at MTU 1500 -------------------------------------------------------------
hp $HEALTHY_PAGES
hugeinfo healthy/ start
if start_vswitchd "$HEALTHY/ovs-vswitchd.log" "$HEALTHY/ovs-vswitchd.stderr.txt"; then
    note "healthy: ovs-vswitchd running (pid $V_PID)"
    cap healthy/vlog-set.txt "${APPCTL[@]}" vlog/set netdev_dpdk:file:dbg
    "${VSCTL[@]}" add-br br0 -- set bridge br0 datapath_type=netdev
    timeout 10 ovs-ofctl del-flows br0
    capsh healthy/ovs-vsctl-add-port.txt "${VSCTL[*]} add-port br0 dpdk0 -- set Interface dpdk0 type=dpdk 'options:dpdk-devargs=net_null0,no-rx=1'"
    wait_for "$HEALTHY/ovs-vswitchd.log" 'bridge br0: added interface dpdk0' 30 "$V_PID" || true
    expect "$HEALTHY/ovs-vswitchd.log" 'Allocated "ovs[0-9a-f]+262144" mempool with 262144 mbufs' "healthy (full pool)"
    cap healthy/ovs-vsctl-list-interface-dpdk0.txt "${VSCTL[@]}" list Interface dpdk0
    cap healthy/ovs-vsctl-list-open_vswitch.txt "${VSCTL[@]}" list Open_vSwitch
    cap healthy/ovs-appctl-dpdk-get-malloc-stats.txt "${APPCTL[@]}" dpdk/get-malloc-stats
    hugeinfo healthy/ running
else
    FAILS+=("healthy: ovs-vswitchd did not start (see healthy/ovs-vswitchd.stderr.txt)")
fi
stop_vswitchd
expect "$HEALTHY/ovs-vswitchd.log" 'bridge br0: added interface dpdk0 on port' "healthy (port added)"

log "done in $((SECONDS - START)) s"
if [ ${#FAILS[@]} -gt 0 ]; then
    printf 'ovs-dpdk-lab: %s\n' "${FAILS[@]}" >&2
    exit 1
fi
