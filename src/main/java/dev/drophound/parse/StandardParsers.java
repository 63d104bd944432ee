package dev.drophound.parse;

import dev.drophound.parse.dpdk.DpdkAppLogParser;
import dev.drophound.parse.dpdk.OvsVswitchdLogParser;
import dev.drophound.parse.ftrace.FtraceFunctionParser;
import dev.drophound.parse.host.OsReleaseParser;
import dev.drophound.parse.host.UnameParser;
import dev.drophound.parse.huge.DpdkHugepagesParser;
import dev.drophound.parse.huge.HugetlbfsListingParser;
import dev.drophound.parse.huge.LscpuParser;
import dev.drophound.parse.huge.ProcMountsParser;
import dev.drophound.parse.huge.SysfsHugepagesParser;
import dev.drophound.parse.iface.IfconfigParser;
import dev.drophound.parse.iface.IpLinkJsonParser;
import dev.drophound.parse.iface.IpLinkParser;
import dev.drophound.parse.iface.NetstatInterfacesParser;
import dev.drophound.parse.iface.ProcNetDevParser;
import dev.drophound.parse.iface.SysfsNetStatisticsParser;
import dev.drophound.parse.kernlog.KernelLogParser;
import dev.drophound.parse.kernlog.KmemleakParser;
import dev.drophound.parse.mem.FreeParser;
import dev.drophound.parse.mem.ProcBuddyinfoParser;
import dev.drophound.parse.mem.ProcMeminfoParser;
import dev.drophound.parse.mem.ProcPagetypeinfoParser;
import dev.drophound.parse.mem.ProcVmstatParser;
import dev.drophound.parse.mem.ProcZoneinfoParser;
import dev.drophound.parse.mem.ProcPidStatusParser;
import dev.drophound.parse.mem.ProcSlabinfoParser;
import dev.drophound.parse.mem.PsParser;
import dev.drophound.parse.mem.SlabtopParser;
import dev.drophound.parse.mem.TopParser;
import dev.drophound.parse.nic.EthtoolDriverParser;
import dev.drophound.parse.nic.EthtoolRingParser;
import dev.drophound.parse.nic.EthtoolStatsParser;
import dev.drophound.parse.nic.SysfsDriverParser;
import dev.drophound.parse.ovs.DpdkMallocStatsParser;
import dev.drophound.parse.ovs.DpdkMempoolDumpParser;
import dev.drophound.parse.ovs.OvsVsctlGetParser;
import dev.drophound.parse.ovs.OvsVsctlListParser;
import dev.drophound.parse.ovs.OvsVsctlShowParser;
import dev.drophound.parse.ovs.PmdRxqShowParser;
import dev.drophound.parse.proc.ProcCommParser;
import dev.drophound.parse.proc.ProcFdSocketsParser;
import dev.drophound.parse.proto.NetstatStatisticsParser;
import dev.drophound.parse.proto.NstatParser;
import dev.drophound.parse.proto.ProcNetNetstatParser;
import dev.drophound.parse.proto.ProcNetSnmp6Parser;
import dev.drophound.parse.proto.ProcNetSnmpParser;
import dev.drophound.parse.socket.ProcNetInetSocketsParser;
import dev.drophound.parse.socket.ProcNetPacketParser;
import dev.drophound.parse.socket.SockstatParser;
import dev.drophound.parse.socket.SsParser;
import dev.drophound.parse.softnet.SoftnetStatParser;
import dev.drophound.parse.staros.SessionRecoveryParser;
import dev.drophound.parse.staros.StarosLogParser;
import dev.drophound.parse.staros.CloudMonitorDiNetworkParser;
import dev.drophound.parse.staros.CloudMonitorPlaneParser;
import dev.drophound.parse.staros.IftaskStatsParser;
import dev.drophound.parse.sysctl.SysctlParser;
import dev.drophound.parse.tc.TcQdiscJsonParser;
import dev.drophound.parse.tc.TcQdiscParser;
import dev.drophound.parse.trace.DropwatchParser;
import dev.drophound.parse.trace.PerfScriptParser;
import dev.drophound.parse.trace.TcpdropParser;
import dev.drophound.parse.trace.TracefsTraceParser;
import java.util.List;

/** The one place parsers are registered, in the order {@code drophound formats} lists them (receive path order). */
final class StandardParsers {
    private StandardParsers() {
    }

    static List<Parser> all() {
        return List.of(
                // NIC and driver
                new EthtoolStatsParser(), new EthtoolRingParser(), new EthtoolDriverParser(), new SysfsDriverParser(),
                // interfaces
                new ProcNetDevParser(), new IpLinkParser(), new IpLinkJsonParser(), new IfconfigParser(),
                new NetstatInterfacesParser(), new SysfsNetStatisticsParser(),
                // per-CPU backlog
                new SoftnetStatParser(),
                // protocol counters
                new ProcNetSnmpParser(), new ProcNetSnmp6Parser(), new ProcNetNetstatParser(),
                new NetstatStatisticsParser(), new NstatParser(),
                // sockets
                new ProcNetInetSocketsParser(), new ProcNetPacketParser(), new SsParser(), new SockstatParser(),
                new ProcFdSocketsParser(), new ProcCommParser(),
                // egress
                new TcQdiscParser(), new TcQdiscJsonParser(),
                // drop traces: every stage at once, with the kernel's reasons
                new TracefsTraceParser(), new PerfScriptParser(), new DropwatchParser(), new TcpdropParser(),
                // settings and host
                new SysctlParser(), new UnameParser(), new OsReleaseParser(),
                // kernel memory
                new KernelLogParser(),
                new KmemleakParser(),
                new ProcMeminfoParser(),
                new FreeParser(),
                new ProcVmstatParser(),
                new ProcBuddyinfoParser(),
                new ProcPagetypeinfoParser(),
                new ProcZoneinfoParser(),
                new ProcSlabinfoParser(),
                new SlabtopParser(),
                new PsParser(),
                new TopParser(),
                new ProcPidStatusParser(),
                new FtraceFunctionParser(),
                // hugepages, hugetlbfs mounts and NUMA layout (DPDK memory)
                new SysfsHugepagesParser(), new DpdkHugepagesParser(), new ProcMountsParser(),
                new HugetlbfsListingParser(), new LscpuParser(),
                // OVS-DPDK: OVSDB config and ovs-appctl memory/queue outputs
                new OvsVsctlListParser(),
                new OvsVsctlGetParser(),
                new OvsVsctlShowParser(),
                new DpdkMempoolDumpParser(),
                new DpdkMallocStatsParser(),
                new PmdRxqShowParser(),
                // OVS-DPDK and DPDK application logs
                new OvsVswitchdLogParser(),
                new DpdkAppLogParser(),
                // StarOS
                new StarosLogParser(), new SessionRecoveryParser(),
                new CloudMonitorDiNetworkParser(), new CloudMonitorPlaneParser(), new IftaskStatsParser());
    }
}
