package dev.drophound.facts;

import java.util.List;

/**
 * A typed statement read from evidence, with the lines it rests on. Facts are immutable; formats that say
 * the same thing produce the same fact type ({@code ifconfig}, {@code netstat -i}, {@code /proc/net/dev}
 * and {@code ip -s link} all give {@link InterfaceCounters}).
 */
public sealed interface Fact permits InterfaceCounters, InterfaceState, DriverStatistics, DriverInfo,
        RingParameters, SoftnetCpu, SysctlSetting, ProtocolCounters, SocketEntry, SockstatLine, QdiscStats,
        HostInfo, SocketOwner, ProcessName, DropTrace, SocketTable, MemoryGauges, ProcessMemory, OomReport,
        MemoryEvent, SlubTraceEvent, FunctionCalls, KmemleakObject,
        DpdkEvent, OvsRecord, DpdkMempool, DpdkHeap, PmdRxq, HugePagePool, MountEntry, HugetlbfsFile, NumaNode,
        StarosEvent, SessionRecoveryRow, DiHeartbeat, DiPathStats, IftaskStats {

    Span span();

    /** The counters this fact carries, for lining up samples; empty for facts that are settings or state. */
    default List<Counter> counters() {
        return List.of();
    }
}
