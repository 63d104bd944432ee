package dev.drophound.parse.dpdk;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DpdkEvent;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ovs-vswitchd log: {@code /var/log/openvswitch/ovs-vswitchd.log} (and its rotations), its syslog and journal
 * copies ({@code grep ovs-vswitchd /var/log/syslog}, {@code journalctl -u ovs-vswitchd}), ovs-vswitchd's console
 * (stderr: the same records without milliseconds, plus DPDK's own {@code EAL: FATAL: ...} and OVS's abort
 * message {@code ovs-vswitchd-dpdk: Cannot init EAL (Permission denied)}), {@code ovs-vswitchd --version}, and
 * records quoted in articles without their time ({@code |dpdk|INFO|EAL ARGS: ...}). Record shapes: see
 * {@link OvsLogLine}; OVS 2.9 (DPDK 17.11) to 3.1 (DPDK 22.11) are in the tests.
 *
 * <p>Every line of a log is used (a log holds all kinds of lines: coverage dumps, VHOST_CONFIG negotiations,
 * continuation lines of multi-line messages, memzone dumps DPDK printed to the console, other programs' lines in a
 * syslog); the messages {@link DpdkMessages} knows become {@code DpdkEvent}s with program {@code ovs-vswitchd},
 * module, level, thread ({@code pmd91} from {@code dpdk(pmd91)}) and time (UTC for the log's {@code Z} dates; a
 * syslog date has no year and keeps only its printed form). A record cut inside its prefix
 * ({@code 2026-...|000}) or a known message with a broken number is malformed. In a section of a document (an
 * article) only records and DPDK console lines are used, so the prose around stays prose.
 */
public final class OvsVswitchdLogParser implements Parser {

    private static final int SNIFF_LINES = 60;
    private static final String PROGRAM = "ovs-vswitchd";
    private static final Pattern COMMAND = Pattern.compile(
            "ovs-vswitchd[\\w-]*\\.log\\b|\\bjournalctl\\b.*(?:-u|--unit[= ]?|-t|--identifier[= ]?)\\s*ovs-vswitchd"
                    + "|^(?:sudo\\s+)?(?:\\S*/)?ovs-vswitchd(?:-dpdk)?(?:\\s|$)");
    private static final Pattern FILE = Pattern.compile(
            "(?i)^ovs-vswitchd(?:-dpdk)?(?:\\.[\\w-]+)*\\.(?:log(?:[.-][\\w-]+)*|stderr\\.txt|console\\.txt|syslog\\.txt)$");
    private static final Pattern TOOL_ERROR = Pattern.compile("^ovs-(?:appctl|vsctl|ofctl|dpctl): ");
    /** What DPDK and its drivers print to the console: {@code EAL: ...}, {@code VHOST_CONFIG: ...}. */
    private static final Pattern CONSOLE = Pattern.compile("^[A-Z][A-Z0-9_]{1,15}: \\S");

    @Override
    public String id() {
        return "ovs-vswitchd-log";
    }

    @Override
    public String description() {
        return "ovs-vswitchd log (file, syslog/journal copy, console): DPDK start-up, EAL memory errors, mempools, "
                + "port and mbuf failures";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /var/log/openvswitch/ovs-vswitchd.log", "journalctl -u ovs-vswitchd",
                "grep ovs-vswitchd /var/log/syslog", "ovs-vswitchd --version");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        if (nameOrCommand == null) {
            return 0;
        }
        String s = nameOrCommand.strip();
        if (s.contains(" ")) {
            return COMMAND.matcher(s).find() ? 95 : 0;
        }
        return FILE.matcher(s.substring(s.lastIndexOf('/') + 1)).matches() ? 85 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int records = 0;
        boolean stamped = false;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            if (block.line(i).isBlank()) {
                continue;
            }
            OvsLogLine l = OvsLogLine.read(block.line(i));
            if (seen++ == 0 && l.shape() == OvsLogLine.Shape.BARE && isVersion(l.message())) {
                return 90; // ovs-vswitchd --version
            }
            if (TOOL_ERROR.matcher(block.line(i)).find()) {
                return 0; // a failing ovs-appctl/ovs-vsctl: its own vlog lines on stderr, then its message
            }
            if (l.shape() == OvsLogLine.Shape.VLOG) {
                records++;
                stamped |= l.stamped();
            }
        }
        if (records == 0 || records * 2 < seen) {
            return records > 0 ? 30 : 0; // a record or two quoted inside some other text
        }
        return stamped ? 95 : 90; // time|sequence|module|LEVEL|: OVS's own record, no other log has it
    }

    private static boolean isVersion(String text) {
        DpdkMessages.Message m = DpdkMessages.classify(text);
        return m != null && m.kind == DpdkEvent.Kind.OVS_VERSION;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        boolean inRecord = false;
        for (int i = 0; i < block.size(); i++) {
            if (block.line(i).isBlank()) {
                continue;
            }
            OvsLogLine l = OvsLogLine.read(block.line(i));
            switch (l.shape()) {
                case BROKEN -> {
                    sink.malformed(i, "log record cut or garbled in its prefix");
                    inRecord = false;
                }
                case OTHER_PROGRAM, MARKER -> {
                    sink.used(i);
                    inRecord = false;
                }
                case VLOG -> {
                    sink.used(i);
                    emit(block, sink, i, l, DpdkMessages.classify(l.message()));
                    inRecord = true;
                }
                case BARE -> {
                    DpdkMessages.Message m = DpdkMessages.classify(l.message());
                    // in an article, a bare line is ours only when DPDK printed it or it continues a record
                    boolean ours = !block.inDocument() || m != null || CONSOLE.matcher(l.message()).find()
                            || inRecord && Character.isWhitespace(block.line(i).charAt(0));
                    if (ours) {
                        sink.used(i);
                        emit(block, sink, i, l, m);
                    }
                }
            }
        }
    }

    private static void emit(Block block, ParseSink sink, int i, OvsLogLine l, DpdkMessages.Message m) {
        if (m == null) {
            return;
        }
        if (m.problem != null) {
            sink.malformed(i, m.problem);
            return;
        }
        sink.fact(m.event(PROGRAM, l.time(), l.module(), l.level(), l.thread(), l.message().strip(), block.span(i)));
    }
}
