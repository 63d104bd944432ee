package dev.drophound.parse.ovs;

import dev.drophound.evidence.Block;
import dev.drophound.facts.PmdRxq;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovs-appctl dpif-netdev/pmd-rxq-show}: which PMD thread polls which receive queue, as OVS 3.1 prints it:
 *
 * <pre>
 * Displaying last 60 seconds pmd usage %
 * pmd thread numa_id 0 core_id 1:
 *   isolated : false
 *   port: dpdk0             queue-id:  0 (enabled)   pmd usage:  0 %
 *   port: dpdk0             queue-id:  1 (enabled)   pmd usage: NOT AVAIL
 *   overhead: NOT AVAIL
 * </pre>
 *
 * One {@link PmdRxq} per port line (span: the PMD's header and the port line), and one with a null port for a PMD
 * that polls nothing. Usage {@code NOT AVAIL} (no measuring interval completed yet) gives null; the {@code overhead}
 * line is understood and not kept. Only this layout is read, the one real samples here have (OVS 3.1.0); a port line
 * in another layout (older OVS printed no {@code (enabled)}) is reported as malformed rather than guessed at, and so is a
 * PMD header with a broken number, whose queues are then not kept.
 * ovs-appctl's errors ({@code cannot connect to ...}) are tool messages.
 */
public final class PmdRxqShowParser implements Parser {

    private static final Pattern BANNER = Pattern.compile("^\\s*Displaying last \\d+ seconds pmd usage %\\s*$");
    private static final Pattern PMD = Pattern.compile("^\\s*pmd thread numa_id (\\S+) core_id (\\S+):\\s*$");
    private static final Pattern ISOLATED = Pattern.compile("^\\s+isolated : (true|false)\\s*$");
    private static final Pattern PORT = Pattern.compile(
            "^\\s+port: (\\S+)\\s+queue-id:\\s*(\\S+) \\((enabled|disabled)\\)\\s+pmd usage:\\s*(NOT AVAIL|\\S+ %)\\s*$");
    private static final Pattern OVERHEAD = Pattern.compile("^\\s+overhead:\\s*(?:NOT AVAIL|\\d+ %)\\s*$");
    private static final Pattern FILE = Pattern.compile("(?i)pmd[-_]rxq[-_]show(?:[-_.]|$)");

    @Override
    public String id() {
        return "pmd-rxq-show";
    }

    @Override
    public String description() {
        return "ovs-appctl dpif-netdev/pmd-rxq-show: receive queues per PMD thread, with usage";
    }

    @Override
    public List<String> examples() {
        return List.of("ovs-appctl dpif-netdev/pmd-rxq-show");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return OvsText.appctlNameScore(nameOrCommand, v -> v.equals("dpif-netdev/pmd-rxq-show"), FILE);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first);
        if (BANNER.matcher(line).matches()) {
            return 95;
        }
        if (PMD.matcher(line).matches()) {
            // pmd-stats-show prints the same header, followed by counters instead
            String next = first + 1 < block.size() ? block.line(first + 1).strip() : "";
            return next.startsWith("isolated :") || next.startsWith("port:") ? 90 : 20;
        }
        return OvsText.startsWithToolMessage(block, "ovs-appctl") ? 45 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return BANNER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        List<Integer> messages = OvsText.reportAppctlErrors(block, sink);
        int last = -1;
        for (int i = block.size() - 1; i >= 0 && last < 0; i--) {
            String l = block.line(i);
            if (PMD.matcher(l).matches() || PORT.matcher(l).matches() || OVERHEAD.matcher(l).matches()) {
                last = i;
            }
        }
        Pmd pmd = null;
        boolean orphans = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank() || messages.contains(i)) {
                continue;
            }
            Matcher p = PMD.matcher(line);
            Matcher port = PORT.matcher(line);
            Matcher iso = ISOLATED.matcher(line);
            if (BANNER.matcher(line).matches()) {
                sink.used(i);
            } else if (p.matches()) {
                if (pmd != null) {
                    pmd.emit(block, sink);
                }
                Long numa = Numbers.decimal(p.group(1));
                Long core = Numbers.decimal(p.group(2));
                if (numa == null || core == null) {
                    sink.malformed(i, "numa_id or core_id is not a number");
                    pmd = null;
                    orphans = true;
                } else {
                    sink.used(i);
                    pmd = new Pmd(numa.intValue(), core.intValue(), i);
                    orphans = false;
                }
            } else if (pmd != null && iso.matches()) {
                sink.used(i);
                pmd.isolated = Boolean.valueOf(iso.group(1));
                pmd.isolatedLine = i;
            } else if (pmd != null && port.matches()) {
                portLine(block, sink, pmd, port, i);
            } else if (pmd != null && OVERHEAD.matcher(line).matches()) {
                sink.used(i);
            } else if (pmd == null && orphans && (port.matches() || iso.matches() || OVERHEAD.matcher(line).matches())) {
                sink.used(i); // a line of the PMD whose header was malformed (reported): no PMD to give it to
            } else if (i <= last || line.strip().startsWith("port:")) {
                sink.malformed(i, line.strip().startsWith("port:")
                        ? "port line not in the layout 'port: P  queue-id: N (enabled)  pmd usage: U %'"
                        : "expected a 'pmd thread numa_id N core_id C:' block line");
            }
        }
        if (pmd != null) {
            pmd.emit(block, sink);
        }
    }

    private static void portLine(Block block, ParseSink sink, Pmd pmd, Matcher port, int i) {
        Long queue = Numbers.decimal(port.group(2));
        String usageText = port.group(4);
        Long usage = usageText.equals("NOT AVAIL") ? null
                : Numbers.decimal(usageText.substring(0, usageText.length() - 2).strip());
        if (queue == null || !usageText.equals("NOT AVAIL") && usage == null) {
            sink.malformed(i, queue == null ? "queue-id is not a number" : "pmd usage is not a number");
            return;
        }
        sink.used(i);
        pmd.queues.add(new PmdRxq(pmd.numa, pmd.core, pmd.isolated, port.group(1), queue.intValue(),
                port.group(3).equals("enabled"), usage == null ? null : usage.intValue(), block.span(pmd.header, i)));
    }

    /** One PMD thread while it is read. */
    private static final class Pmd {
        final int numa;
        final int core;
        final int header;
        Boolean isolated;
        int isolatedLine = -1;
        final List<PmdRxq> queues = new ArrayList<>();

        Pmd(int numa, int core, int header) {
            this.numa = numa;
            this.core = core;
            this.header = header;
        }

        void emit(Block block, ParseSink sink) {
            if (queues.isEmpty()) {
                sink.fact(new PmdRxq(numa, core, isolated, null, null, null, null,
                        isolatedLine < 0 ? block.span(header) : block.span(header, isolatedLine)));
            }
            // isolated is printed before the ports, so every queue above already carries it
            queues.forEach(sink::fact);
        }
    }
}
