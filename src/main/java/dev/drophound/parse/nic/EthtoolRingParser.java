package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.facts.RingParameters;
import dev.drophound.facts.Span;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ethtool -g IF} ({@code --show-ring}): RX/TX ring sizes, the driver's pre-set maximums and the current
 * hardware settings.
 *
 * <pre>
 * Ring parameters for eth0:
 * Pre-set maximums:
 * RX:             4096
 * RX Mini:        n/a
 * RX Jumbo:       n/a
 * TX:             4096
 * Current hardware settings:
 * RX:             256
 * ...
 * </pre>
 *
 * Values are separated by tabs (ethtool 5+) or spaces (older); {@code n/a} gives null. Lines newer ethtool adds
 * ({@code RX Buf Len}, {@code CQE Size}, {@code TX Push}, {@code TCP data split}, {@code Rx Push}, ...) are
 * understood and not kept. Anything after the first value token is ignored ({@code RX: 4096  << 最大値} in an
 * article). {@code Cannot get device ring settings: Operation not supported} (tun/tap) and
 * {@code netlink error: ...} (veth on ethtool 6.1) are tool messages; a header with no values gives no fact.
 * Several outputs in one block (a paste without prompts) give one fact each. The interface comes from the
 * {@code Ring parameters for X:} header, else the command or file name.
 */
public final class EthtoolRingParser implements Parser {

    private static final Pattern HEADER = Pattern.compile("^\\s*Ring parameters for (\\S+?):\\s*$");
    private static final Pattern MAXIMUMS = Pattern.compile("^\\s*Pre-set maximums:\\s*$");
    private static final Pattern CURRENT = Pattern.compile("^\\s*Current hardware settings:\\s*$");
    private static final Pattern RING = Pattern.compile("^\\s*(RX|RX Mini|RX Jumbo|TX):\\s*(\\S*)(?:\\s.*)?$");
    /** Further settings of newer ethtool: {@code RX Buf Len:  n/a}, {@code TX Push:  off}. */
    private static final Pattern OTHER = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9 _-]*:\\s*\\S.*$");
    private static final EthtoolText.Names NAMES = new EthtoolText.Names('g', "--show-ring");

    @Override
    public String id() {
        return "ethtool-g";
    }

    @Override
    public String description() {
        return "ethtool -g: NIC RX/TX ring sizes, maximum and current";
    }

    @Override
    public List<String> examples() {
        return List.of("ethtool -g eth0", "sos_commands/networking/ethtool_-g_eth0", "ethtool-g.eth0.txt");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NAMES.score(nameOrCommand);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        String line = block.line(first);
        if (HEADER.matcher(line).matches() || line.startsWith("Cannot get device ring settings")) {
            return 95;
        }
        if (MAXIMUMS.matcher(line).matches()) {
            // ethtool -l prints "Pre-set maximums:" too, but with Other:/Combined: instead of RX Mini:
            for (int i = first + 1; i < Math.min(block.size(), first + 6); i++) {
                if (block.line(i).strip().startsWith("RX Mini:") || block.line(i).strip().startsWith("RX Jumbo:")) {
                    return 85;
                }
            }
            return 10;
        }
        return line.startsWith("netlink error:") ? 20 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return HEADER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String fallback = EthtoolText.iface(block, 'g');
        Ring ring = new Ring(fallback);
        int last = lastRingLine(block);
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                ring.emit(block, sink);
                ring = new Ring(h.group(1));
                ring.touch(i);
                sink.used(i);
            } else if (MAXIMUMS.matcher(line).matches()) {
                ring.section = Section.MAX;
                ring.touch(i);
                sink.used(i);
            } else if (CURRENT.matcher(line).matches()) {
                ring.section = Section.CURRENT;
                ring.touch(i);
                sink.used(i);
            } else if (EthtoolText.isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
            } else if (RING.matcher(line).matches()) {
                ringLine(block, sink, ring, i);
            } else if (ring.section != Section.NONE && OTHER.matcher(line).matches()) {
                ring.touch(i);
                sink.used(i);
            } else if (i < last) {
                sink.malformed(i, "expected a ring parameter line such as 'RX: 4096'");
            }
        }
        ring.emit(block, sink);
    }

    private static void ringLine(Block block, ParseSink sink, Ring ring, int i) {
        Matcher m = RING.matcher(block.line(i));
        m.matches();
        String token = m.group(2);
        Long value = Numbers.decimal(token);
        if (value == null && !token.equals("n/a")) {
            sink.malformed(i, "ring size is neither a number nor n/a");
            return;
        }
        if (ring.section == Section.NONE) {
            sink.malformed(i, "ring size outside 'Pre-set maximums:' / 'Current hardware settings:'");
            return;
        }
        boolean max = ring.section == Section.MAX;
        switch (m.group(1)) {
            case "RX" -> {
                if (max) {
                    ring.rxMax = value;
                    ring.rxMaxSpan = block.span(i);
                } else {
                    ring.rxCurrent = value;
                    ring.rxCurrentSpan = block.span(i);
                }
            }
            case "TX" -> {
                if (max) {
                    ring.txMax = value;
                } else {
                    ring.txCurrent = value;
                }
            }
            default -> {
                // RX Mini / RX Jumbo: understood, not needed
            }
        }
        ring.values = true;
        ring.touch(i);
        sink.used(i);
    }

    private static int lastRingLine(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            String l = block.line(i);
            if (RING.matcher(l).matches() || HEADER.matcher(l).matches() || CURRENT.matcher(l).matches()) {
                return i;
            }
        }
        return -1;
    }

    private enum Section { NONE, MAX, CURRENT }

    /** One "Ring parameters for X:" output while it is read. */
    private static final class Ring {
        final String iface;
        Section section = Section.NONE;
        boolean values;
        Long rxMax;
        Long rxCurrent;
        Long txMax;
        Long txCurrent;
        Span rxMaxSpan;
        Span rxCurrentSpan;
        int first = -1;
        int last = -1;

        Ring(String iface) {
            this.iface = iface;
        }

        void touch(int i) {
            first = first < 0 ? i : first;
            last = i;
        }

        void emit(Block block, ParseSink sink) {
            if (values) {
                sink.fact(new RingParameters(iface == null ? "?" : iface, rxMax, rxCurrent, txMax, txCurrent,
                        rxMaxSpan, rxCurrentSpan, block.spanRange(first, last)));
            }
        }
    }
}
