#!/bin/bash
# OVSDB and ovs-appctl outputs the shared fixture 06 lacks, from the real ovs-vswitchd-dpdk 3.1.0 (Debian
# openvswitch-switch-dpdk) run the way fixture 06's run.sh runs it: private ovsdb-server + ovs-vswitchd-dpdk with all
# state in a scratch directory, DPDK with --no-pci and null vdevs that never receive (net_null0,no-rx=1), OVS 3.1's
# default --in-memory mode (no hugetlbfs mount needed), a small hugepage reservation restored by the trap.
#   - `ovs-vsctl list Open_vSwitch` before and after ovs-vswitchd starts (dpdk_initialized, dpdk_version)
#   - `list Bridge`, `list Port`, `list Interface` with several rows, `--columns=... list Interface`
#   - Interface rows with a non-empty `error` column: a dpdk port without dpdk-devargs, one with a devargs no
#     driver takes, and a new port at MTU 9000 whose mempool does not fit in the 512 MB of hugepages
#   - `ovs-vsctl show` with error lines, `ovs-vsctl get` of scalars, maps, a map key, and its error messages
#   - the messages of `ovs-vsctl add-port` when the port cannot be set up
#   - `ovs-appctl dpif-netdev/pmd-rxq-show` with polled queues (usage NOT AVAIL at first, 0 % after 12 s), `netdev-dpdk/get-mempool-info` of all pools and
#     of an unknown port, `dpdk/get-malloc-stats`
#   - failing tools: ovs-appctl with no daemon, ovs-vsctl with no database
# Every file is the command's raw stdout+stderr; commands.log lists each command and its exit status.
set -u
OUT=$(cd "$(dirname "$0")" && pwd)
export LC_ALL=C

# the hugepage lock: other helpers reserve hugepages and start DPDK processes too
exec 9>/run/lock/drophound-hugepages.lock
flock 9

S=/tmp/drophound-ovs-capture      # fixed, so that paths in the outputs are the same on every run
PREFIX=dhovs
VSWITCHD=/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk
HP_BEFORE=$(cat /proc/sys/vm/nr_hugepages)
DPDK_RUNDIR_EXISTED=0; [ -d /var/run/dpdk ] && DPDK_RUNDIR_EXISTED=1
[ -e "$S" ] && { echo "refusing to run: $S exists (another run?)"; exit 1; }
for l in dhbr0 ovs-netdev; do
    if ip link show "$l" >/dev/null 2>&1; then
        echo "refusing to run: a link named $l exists (another OVS with a userspace datapath?)"; exit 1
    fi
done
export OVS_RUNDIR=$S/run OVS_LOGDIR=$S/log OVS_DBDIR=$S/db OVS_SYSCONFDIR=$S/etc
mkdir -p $S/run $S/log $S/db $S/etc
DB=unix:$S/run/db.sock
VSCTL="timeout 30 ovs-vsctl --db=$DB --timeout=20"
VCTL=$S/run/vswitchd.ctl
APPCTL="timeout 30 ovs-appctl -t $VCTL"
VPID=
: > "$OUT/commands.log"
echo "# $(date -u +%FT%TZ) $(uname -r); scratch dir $S" >> "$OUT/commands.log"

note() { echo "# $*" >> "$OUT/commands.log"; }
cap() { # cap FILE CMD... : stdout+stderr of CMD into FILE
    local name=$1 rc=0; shift
    "$@" > "$OUT/$name" 2>&1 || rc=$?
    echo "$name <- $* (rc=$rc)" >> "$OUT/commands.log"
}
stop_vswitchd() {
    if [ -n "$VPID" ] && kill -0 "$VPID" 2>/dev/null; then
        $APPCTL exit --cleanup >/dev/null 2>&1
        for i in $(seq 50); do kill -0 "$VPID" 2>/dev/null || break; sleep 0.2; done
        kill "$VPID" 2>/dev/null
    fi
    [ -n "$VPID" ] && wait "$VPID" 2>/dev/null
    VPID=
    ip link del dhbr0 2>/dev/null
    ip link del ovs-netdev 2>/dev/null
    true
}
stop_ovsdb() {
    if [ -f $S/run/ovsdb-server.pid ]; then
        local p; p=$(cat $S/run/ovsdb-server.pid)
        timeout 10 ovs-appctl -t $S/run/ovsdb-server.ctl exit >/dev/null 2>&1
        sleep 0.5
        kill "$p" 2>/dev/null
        rm -f $S/run/ovsdb-server.pid
    fi
}
cleanup() {
    stop_vswitchd
    stop_ovsdb
    sysctl -q -w vm.nr_hugepages="$HP_BEFORE"
    note "vm.nr_hugepages restored to $HP_BEFORE (now $(cat /proc/sys/vm/nr_hugepages))"
    rm -rf /var/run/dpdk/$PREFIX
    [ $DPDK_RUNDIR_EXISTED = 0 ] && rmdir /var/run/dpdk 2>/dev/null
    rm -rf "$S"
    true
}
trap cleanup EXIT

ovsdb-tool create $S/db/conf.db /usr/share/openvswitch/vswitch.ovsschema
ovsdb-server $S/db/conf.db --remote=punix:$S/run/db.sock --pidfile=$S/run/ovsdb-server.pid \
    --unixctl=$S/run/ovsdb-server.ctl --log-file=$S/log/ovsdb-server.log --detach 2>/dev/null
$VSCTL --no-wait init
$VSCTL --no-wait set Open_vSwitch . other_config:dpdk-init=true \
    "other_config:dpdk-extra=\"--no-pci --file-prefix=$PREFIX\"" other_config:pmd-cpu-mask=0x2 \
    other_config:dpdk-socket-mem=256
sysctl -q -w vm.nr_hugepages=256     # 512 MB
note "vm.nr_hugepages: $HP_BEFORE -> 256"

cap ovs-vsctl-list-open_vswitch.before-start.txt $VSCTL list Open_vSwitch

$VSWITCHD $DB --pidfile=$S/run/ovs-vswitchd.pid --unixctl=$VCTL --log-file=$OUT/ovs-vswitchd.log \
    > "$OUT/ovs-vswitchd.stderr.txt" 2>&1 &
VPID=$!
echo "ovs-vswitchd.log, ovs-vswitchd.stderr.txt <- $VSWITCHD $DB --pidfile --unixctl=$VCTL --log-file" >> "$OUT/commands.log"
for i in $(seq 150); do
    kill -0 $VPID 2>/dev/null || { note "ovs-vswitchd exited"; exit 1; }
    grep -q 'bridge|INFO|ovs-vswitchd' "$OUT/ovs-vswitchd.log" 2>/dev/null && [ -S "$VCTL" ] && break
    sleep 0.2
done
sleep 1

$VSCTL add-br dhbr0 -- set bridge dhbr0 datapath_type=netdev
timeout 10 ovs-ofctl del-flows dhbr0          # no forwarding: nothing is sent anywhere
cap ovs-vsctl-add-port-dpdk0.txt $VSCTL add-port dhbr0 dpdk0 -- set Interface dpdk0 type=dpdk \
    'options:dpdk-devargs=net_null0,no-rx=1' options:n_rxq=2
cap ovs-vsctl-add-port-dpdk1.no-devargs.txt $VSCTL add-port dhbr0 dpdk1 -- set Interface dpdk1 type=dpdk
cap ovs-vsctl-add-port-dpdk2.no-driver.txt $VSCTL add-port dhbr0 dpdk2 -- set Interface dpdk2 type=dpdk \
    'options:dpdk-devargs=net_nosuchdriver0'
cap ovs-vsctl-add-port-dpdk3.mtu9000.txt $VSCTL add-port dhbr0 dpdk3 -- set Interface dpdk3 type=dpdk \
    'options:dpdk-devargs=net_null1,no-rx=1' mtu_request=9000
sleep 3

cap ovs-vsctl-list-open_vswitch.txt $VSCTL list Open_vSwitch
cap ovs-vsctl-list-bridge.txt $VSCTL list Bridge
cap ovs-vsctl-list-port.txt $VSCTL list Port
cap ovs-vsctl-list-interface.txt $VSCTL list Interface
cap ovs-vsctl-list-interface-dpdk1.txt $VSCTL list Interface dpdk1
cap ovs-vsctl-list-interface-dpdk9.txt $VSCTL list Interface dpdk9
cap ovs-vsctl-columns-list-interface.txt $VSCTL --columns=name,type,mtu,mtu_request,error,link_state list Interface
cap ovs-vsctl-show.txt $VSCTL show
cap ovs-vsctl-get-other_config.txt $VSCTL get Open_vSwitch . other_config
cap ovs-vsctl-get-other_config-pmd-cpu-mask.txt $VSCTL get Open_vSwitch . other_config:pmd-cpu-mask
cap ovs-vsctl-get-other_config-no-key.txt $VSCTL get Open_vSwitch . other_config:dpdk-lcore-mask
cap ovs-vsctl-get-dpdk_initialized.txt $VSCTL get Open_vSwitch . dpdk_initialized
cap ovs-vsctl-get-dpdk_version.txt $VSCTL get Open_vSwitch . dpdk_version
cap ovs-vsctl-get-interface-dpdk0-mtu.txt $VSCTL get Interface dpdk0 mtu
cap ovs-vsctl-get-interface-dpdk1-error.txt $VSCTL get Interface dpdk1 error
cap ovs-vsctl-get-interface-dpdk0-status.txt $VSCTL get Interface dpdk0 status
cap ovs-vsctl-get-interface-dpdk9-mtu.txt $VSCTL get Interface dpdk9 mtu
cap ovs-appctl-dpif-netdev-pmd-rxq-show.txt $APPCTL dpif-netdev/pmd-rxq-show
cap ovs-appctl-netdev-dpdk-get-mempool-info.txt $APPCTL netdev-dpdk/get-mempool-info
cap ovs-appctl-netdev-dpdk-get-mempool-info-dpdk9.txt $APPCTL netdev-dpdk/get-mempool-info dpdk9
cap ovs-appctl-dpdk-get-malloc-stats.txt $APPCTL dpdk/get-malloc-stats
sleep 12     # pmd usage needs a completed measuring interval; before that it is NOT AVAIL
cap ovs-appctl-dpif-netdev-pmd-rxq-show.after-12s.txt $APPCTL dpif-netdev/pmd-rxq-show

stop_vswitchd
note "ovs-vswitchd stopped"
cap ovs-appctl-dpif-netdev-pmd-rxq-show.no-daemon.txt $APPCTL dpif-netdev/pmd-rxq-show
stop_ovsdb
note "ovsdb-server stopped"
cap ovs-vsctl-list-open_vswitch.no-db.txt $VSCTL list Open_vSwitch
