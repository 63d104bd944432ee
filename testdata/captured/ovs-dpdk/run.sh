#!/bin/bash
# Syslog copies of real ovs-vswitchd-dpdk logs (Debian openvswitch-switch-dpdk 3.1.0, DPDK 22.11), the variant
# fixture 06 lacks. This VM has no syslog daemon and no /dev/log, so the script runs in a private mount namespace
# whose /dev is a tmpfs with the host's device nodes bound in and /dev/log a symlink to the socket of a private
# rsyslogd (Debian's rsyslog 8.2302, unpacked into the scratch dir, not installed). ovsdb-server, ovs-vsctl and
# ovs-vswitchd-dpdk log to syslog the default way (libc syslog(3), --syslog-method=libc); rsyslog writes the
# traditional format (`Mon DD HH:MM:SS host tag: msg`, what /var/log/syslog and `journalctl` print) and
# RSYSLOG_FileFormat (RFC 3339 dates, like `journalctl -o short-iso`). The host's /dev is not touched.
#   s1  64 x 2 MB hugepages, netdev_dpdk at DBG on syslog: a net_null port at MTU 1500 (mempool halved from
#       262144 to 32768 mbufs), then mtu_request=9000 -> 'Failed to create memory pool ... MTU 9000'
#   s2  no hugepages (vm.nr_hugepages=0): EAL cannot get hugepage information, ovs-vswitchd aborts
# Safety: holds /run/lock/drophound-hugepages.lock throughout; restores vm.nr_hugepages to the value found;
# --no-pci, --file-prefix=dhlog, a null vdev with no-rx=1, no flows; bridge dhlog0 (not br0); everything stopped by
# PID and /var/run/dpdk/dhlog* removed by the EXIT trap, also on failure.
set -euo pipefail
if [ -z "${DHLOG_PRIVATE_DEV:-}" ]; then
    exec unshare --mount --propagation private env DHLOG_PRIVATE_DEV=1 "$0" "$@"
fi
OUT=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C
exec 9>/run/lock/drophound-hugepages.lock
flock 9

S=$(mktemp -d /tmp/dhlog-ovs.XXXXXX)
HP_BEFORE=$(cat /proc/sys/vm/nr_hugepages)
DPDK_RUNDIR_EXISTED=0; [ -d /var/run/dpdk ] && DPDK_RUNDIR_EXISTED=1
VSWITCHD=/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk
PREFIX=dhlog
BR=dhlog0
export OVS_RUNDIR=$S/run OVS_LOGDIR=$S/log OVS_DBDIR=$S/db OVS_SYSCONFDIR=$S/etc
mkdir -p $S/run $S/log $S/db $S/etc $S/rsyslog
DB=unix:$S/run/db.sock
VSCTL="timeout 30 ovs-vsctl --db=$DB --timeout=20"
VCTL=$S/run/vswitchd.ctl
APPCTL="timeout 30 ovs-appctl -t $VCTL"
VPID= RPID=

for l in $BR ovs-netdev; do
    if ip link show $l >/dev/null 2>&1; then echo "refusing: link $l exists (another userspace OVS?)"; exit 1; fi
done

# private /dev (this mount namespace only): the host's nodes, plus /dev/log -> our rsyslog's socket
mkdir -p $S/dev && mount -t tmpfs -o mode=755 tmpfs $S/dev
for n in null zero full random urandom tty net/tun; do
    mkdir -p "$(dirname $S/dev/$n)"; touch $S/dev/$n; mount --bind /dev/$n $S/dev/$n
done
for d in shm pts; do mkdir -p $S/dev/$d; mount --bind /dev/$d $S/dev/$d; done
ln -s $S/log.sock $S/dev/log
mount --rbind $S/dev /dev

note() { printf '# %s\n' "$*" >> "$OUT/commands.log"; echo "$*"; }

stop_vswitchd() {
    if [ -n "$VPID" ] && kill -0 "$VPID" 2>/dev/null; then
        $APPCTL exit --cleanup >/dev/null 2>&1 || true
        for _ in $(seq 50); do kill -0 "$VPID" 2>/dev/null || break; sleep 0.2; done
        kill "$VPID" 2>/dev/null || true
    fi
    [ -n "$VPID" ] && { wait "$VPID" 2>/dev/null || true; }
    VPID=
    rm -f "$VCTL"
    ip link del $BR 2>/dev/null || true
    ip link del ovs-netdev 2>/dev/null || true
}
stop_rsyslog() {
    if [ -n "$RPID" ]; then kill "$RPID" 2>/dev/null || true; wait "$RPID" 2>/dev/null || true; fi
    RPID=
}
cleanup() {
    set +e
    stop_vswitchd
    if [ -f $S/run/ovsdb-server.pid ]; then
        kill "$(cat $S/run/ovsdb-server.pid)" 2>/dev/null
        sleep 0.5
    fi
    stop_rsyslog
    sysctl -q -w vm.nr_hugepages="$HP_BEFORE"
    note "vm.nr_hugepages restored to $HP_BEFORE (now $(cat /proc/sys/vm/nr_hugepages))"
    rm -rf /var/run/dpdk/$PREFIX*
    [ $DPDK_RUNDIR_EXISTED = 0 ] && rmdir /var/run/dpdk 2>/dev/null
    umount -R /dev 2>/dev/null    # the private one; the namespace ends with this script anyway
    umount -R $S/dev 2>/dev/null
    rm -rf "$S"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

: > "$OUT/commands.log"
echo "# $(date -u +%FT%TZ) $(uname -r) on $(hostname)" >> "$OUT/commands.log"
echo "# file <- command" >> "$OUT/commands.log"

# ---- rsyslog from Debian's package, unpacked (not installed: no system daemon, no /dev/log)
( cd $S/rsyslog && apt-get download -q rsyslog libestr0 libfastjson4 liblognorm5 >/dev/null 2>&1 \
    && for d in *.deb; do dpkg -x "$d" root; done )
RS=$S/rsyslog/root
note "rsyslog $(dpkg-deb -f $S/rsyslog/rsyslog_*.deb Version) unpacked from $(ls $S/rsyslog/*.deb | xargs -n1 basename | tr '\n' ' ')"

start_rsyslog() { # start_rsyslog CASE
    local c=$1
    cat > $S/rsyslog.conf <<EOF
global(workDirectory="$S/rsyslog")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$S/log.sock")
*.* action(type="omfile" file="$OUT/ovs-vswitchd.$c.syslog.txt" template="RSYSLOG_TraditionalFileFormat")
*.* action(type="omfile" file="$OUT/ovs-vswitchd.$c.iso.syslog.txt" template="RSYSLOG_FileFormat")
EOF
    rm -f "$OUT/ovs-vswitchd.$c.syslog.txt" "$OUT/ovs-vswitchd.$c.iso.syslog.txt"
    LD_LIBRARY_PATH=$RS/usr/lib/x86_64-linux-gnu $RS/usr/sbin/rsyslogd -n -f $S/rsyslog.conf -i $S/rsyslog.pid \
        -M $RS/usr/lib/x86_64-linux-gnu/rsyslog &
    RPID=$!
    for _ in $(seq 50); do [ -S $S/log.sock ] && break; sleep 0.1; done
    echo "ovs-vswitchd.$c.syslog.txt, ovs-vswitchd.$c.iso.syslog.txt <- rsyslogd -n -f rsyslog.conf (imuxsock on $S/log.sock; templates RSYSLOG_TraditionalFileFormat, RSYSLOG_FileFormat)" >> "$OUT/commands.log"
}

start_vswitchd() { # start_vswitchd CASE : returns when up or exited; sets VALIVE
    local c=$1 log="$OUT/ovs-vswitchd.$1.log"
    rm -f "$log"
    $VSWITCHD $DB --pidfile=$S/run/ovs-vswitchd.pid --unixctl=$VCTL --log-file="$log" \
        -vnetdev_dpdk:syslog:dbg -vnetdev_dpdk:file:dbg > "$OUT/ovs-vswitchd.$c.stderr.txt" 2>&1 &
    VPID=$!
    echo "ovs-vswitchd.$c.log, ovs-vswitchd.$c.stderr.txt <- $VSWITCHD $DB --pidfile --unixctl=$VCTL --log-file -vnetdev_dpdk:syslog:dbg -vnetdev_dpdk:file:dbg" >> "$OUT/commands.log"
    VALIVE=0
    for _ in $(seq 150); do
        if ! kill -0 $VPID 2>/dev/null; then
            local rc=0; wait $VPID || rc=$?
            note "case $c: ovs-vswitchd exited with status $rc"; VPID=; return
        fi
        if grep -q 'bridge|INFO|ovs-vswitchd' "$log" 2>/dev/null && [ -S "$VCTL" ]; then
            VALIVE=1; note "case $c: ovs-vswitchd running"; return
        fi
        sleep 0.2
    done
    note "case $c: ovs-vswitchd neither ready nor exited after 30 s"
}

wait_log() { # wait_log FILE PATTERN : up to 20 s
    for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
    note "timeout waiting for '$2' in $(basename "$1")"
}

ulimit -c 0
start_rsyslog s1
ovsdb-tool create $S/db/conf.db /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server $S/db/conf.db --remote=punix:$S/run/db.sock --pidfile=$S/run/ovsdb-server.pid \
    --unixctl=$S/run/ovsdb-server.ctl --log-file=$S/log/ovsdb-server.log --detach
$VSCTL --no-wait init
$VSCTL --no-wait set Open_vSwitch . other_config:dpdk-init=true \
    "other_config:dpdk-extra=\"--no-pci --file-prefix=$PREFIX\"" other_config:pmd-cpu-mask=0x2

# ---- s1: 128 MB of hugepages, port at MTU 1500 then 9000
sysctl -q -w vm.nr_hugepages=64
note "vm.nr_hugepages: $HP_BEFORE -> 64"
start_vswitchd s1
if [ $VALIVE = 1 ]; then
    $VSCTL add-br $BR -- set bridge $BR datapath_type=netdev
    timeout 10 ovs-ofctl del-flows $BR
    $VSCTL add-port $BR dpdk0 -- set Interface dpdk0 type=dpdk 'options:dpdk-devargs=net_null0,no-rx=1'
    wait_log "$OUT/ovs-vswitchd.s1.log" 'added interface dpdk0'
    $VSCTL set Interface dpdk0 mtu_request=9000
    wait_log "$OUT/ovs-vswitchd.s1.log" 'Failed to set interface dpdk0 new configuration'
    $VSCTL del-br $BR
fi
stop_vswitchd
stop_rsyslog

# ---- s2: no hugepages at all
start_rsyslog s2
sysctl -q -w vm.nr_hugepages=0
note "vm.nr_hugepages: 64 -> 0"
start_vswitchd s2
stop_vswitchd
sleep 0.5
stop_rsyslog
