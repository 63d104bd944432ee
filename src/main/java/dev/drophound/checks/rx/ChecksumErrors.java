package dev.drophound.checks.rx;

import dev.drophound.checks.CounterTableCheck;
import dev.drophound.findings.Remediation;
import dev.drophound.findings.Stage;
import java.util.List;

/** Packets whose transport or IP checksum did not match: corrupted on the way or a checksum-offload fault. */
public final class ChecksumErrors extends CounterTableCheck {

    public static final String ID = "frames.checksum-errors";

    private static final String MEANING = "the checksum did not match, so the packet was dropped: it was corrupted "
            + "on the wire or in a device, or a NIC's checksum offload is faulty.";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Checksum errors (InCsumErrors)";
    }

    @Override
    public Stage stage() {
        return Stage.FRAMES;
    }

    @Override
    protected String missing() {
        return "InCsumErrors (/proc/net/snmp, /proc/net/netstat, netstat -s)";
    }

    @Override
    protected List<Entry> entries() {
        List<Remediation> fixes = List.of(new Remediation("ethtool -S <interface> | grep -i -E 'crc|csum|checksum'",
                "NIC-level CRC errors point at the link (cable, optics, duplex); checksum errors without CRC errors "
                        + "point at a device in the path or at offload (compare after ethtool -K <interface> rx off for a "
                        + "short test)", null, null));
        return List.of(
                new Entry("Udp", "InCsumErrors", "UDP checksum errors (IPv4)", MEANING, "InDatagrams", fixes),
                new Entry("Udp6", "InCsumErrors", "UDP checksum errors (IPv6)", MEANING, "InDatagrams", fixes),
                new Entry("Tcp", "InCsumErrors", "TCP checksum errors (IPv4)", MEANING, "InSegs", fixes),
                new Entry("Icmp", "InCsumErrors", "ICMP checksum errors", MEANING, "InMsgs", fixes),
                new Entry("IpExt", "InCsumErrors", "IPv4 header checksum errors", MEANING, null, fixes));
    }
}
