package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DiPathStats;
import dev.drophound.facts.LogTime;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code show cloud monitor controlplane} and {@code show cloud monitor dataplane} on a StarOS VPC-DI gateway: probe
 * counts per Src/Dst card pair over three intervals, as seed 000 quotes them:
 *
 * <pre>
 *   Cards      15 Second Interval     5 Minute Interval    60 Minute Interval
 *  Src  Dst    Xmit   Recv  Miss%    Xmit   Recv  Miss%    Xmit   Recv  Miss%
 *  ---  ---  ------ ------ ------  ------ ------ ------  ------ ------ ------
 *   02   06      75     75   0.0%    1500   1265  15.7%   18000  17546   2.5%
 * </pre>
 *
 * The dataplane prints {@code Miss Hit Pct} instead of {@code Xmit Recv Miss%}. One {@link DiPathStats} per row
 * (cards printed {@code 02} are 2; span: the column header and the row), windows named from the interval header
 * ({@code 15s}, {@code 5min}, {@code 60min}; those three when it is missing). The plane comes from the command or
 * file name, else from the column header; the columns are read as the column header says (as the plane says when the
 * header is missing), the other two figures derived: controlplane missed = Xmit - Recv, dataplane sent = Miss + Hit.
 * {@code …} and blank lines are used without comment; a row with other than 11 values or a broken number is malformed.
 */
public final class CloudMonitorPlaneParser implements Parser {

    static final String CONTROL = "controlplane";
    static final String DATA = "dataplane";

    private static final Pattern INTERVALS = Pattern.compile(
            "^\\s*Cards\\s+\\d+\\s+(?:Second|Minute)\\s+Interval\\s+\\d+\\s+(?:Second|Minute)\\s+Interval"
                    + "\\s+\\d+\\s+(?:Second|Minute)\\s+Interval\\s*$");
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)\\s+(Second|Minute)\\s+Interval");
    private static final Pattern XMIT = Pattern.compile("^\\s*Src\\s+Dst(?:\\s+Xmit\\s+Recv\\s+Miss%){3}\\s*$");
    private static final Pattern MISS = Pattern.compile("^\\s*Src\\s+Dst(?:\\s+Miss\\s+Hit\\s+Pct){3}\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*-+(?:\\s+-+){10}\\s*$");
    private static final Pattern ROWISH = Pattern.compile("^\\s*\\d+\\s+\\d+(?:\\s.*)?$");
    private static final Pattern COMMAND = Pattern.compile("(?i)\\bshow\\s+cloud\\s+monitor\\s+(controlplane|dataplane)\\b");
    private static final Pattern FILE = Pattern.compile("(?i)cloud[-_ ]?monitor[-_ ]?(control|data)[-_ ]?plane");
    private static final List<String> DEFAULT_WINDOWS = List.of("15s", "5min", "60min");

    @Override
    public String id() {
        return "show-cloud-monitor-plane";
    }

    @Override
    public String description() {
        return "StarOS show cloud monitor controlplane/dataplane: DI-network probes sent, received and missed per card pair";
    }

    @Override
    public List<String> examples() {
        return List.of("show cloud monitor controlplane", "show cloud monitor dataplane");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        for (int i : MonitorText.firstLines(block, 3)) {
            String line = block.line(i);
            if (INTERVALS.matcher(line).matches() || XMIT.matcher(line).matches() || MISS.matcher(line).matches()) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return INTERVALS.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String plane = planeOf(block.nameOrCommand());
        if (plane == null && block.command() != null) {
            plane = planeOf(block.name());
        }
        String columns = null; // the plane the column header says
        int header = -1;
        List<String> windows = DEFAULT_WINDOWS;
        LogTime at = null;
        boolean unknownReported = false;
        boolean prose = false; // a line not of this format since the last one that was: fillers after it are prose's
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (MonitorText.fillerOnly(line)) {
                if (!prose) {
                    sink.used(i);
                }
                continue;
            }
            prose = false;
            LogTime date = MonitorText.date(line);
            if (date != null) {
                at = date;
                sink.used(i);
            } else if (INTERVALS.matcher(line).matches()) {
                windows = windowNames(line);
                sink.used(i);
            } else if (XMIT.matcher(line).matches() || MISS.matcher(line).matches()) {
                columns = XMIT.matcher(line).matches() ? CONTROL : DATA;
                header = i;
                sink.used(i);
                if (plane != null && !plane.equals(columns)) {
                    sink.warning(i, "the command says " + plane + " but the columns are those of the " + columns
                            + ": read as the columns say");
                }
            } else if (RULE.matcher(line).matches()) {
                sink.used(i);
            } else if (ROWISH.matcher(line).matches()) {
                String read = columns != null ? columns : plane;
                if (read == null) {
                    if (!unknownReported) {
                        sink.warning(i, "no command and no column header say whether this is the controlplane"
                                + " or the dataplane: rows not read");
                        unknownReported = true;
                    }
                    continue;
                }
                row(block, sink, i, header, plane != null ? plane : read, read, windows, at);
            } else {
                prose = true;
            }
        }
    }

    private static void row(Block block, ParseSink sink, int i, int header, String plane, String columns,
            List<String> names, LogTime at) {
        String[] t = MonitorText.tokens(block.line(i));
        if (t.length != 11) {
            sink.malformed(i, "expected Src, Dst and three intervals of three values, got " + t.length + " values");
            return;
        }
        Long src = Numbers.decimal(t[0]);
        Long dst = Numbers.decimal(t[1]);
        if (src == null || dst == null || src > Integer.MAX_VALUE || dst > Integer.MAX_VALUE) {
            sink.malformed(i, "Src or Dst is not a card number");
            return;
        }
        List<DiPathStats.Window> windows = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            Long a = Numbers.decimal(t[2 + 3 * w]);
            Long b = Numbers.decimal(t[3 + 3 * w]);
            Double pct = MonitorText.percent(t[4 + 3 * w]);
            if (a == null || b == null || pct == null) {
                sink.malformed(i, "interval " + names.get(w) + " is not two counts and a percentage");
                return;
            }
            windows.add(columns.equals(CONTROL)
                    ? new DiPathStats.Window(names.get(w), a, b, a - b, pct)
                    : new DiPathStats.Window(names.get(w), a + b, b, a, pct));
        }
        sink.used(i);
        sink.fact(new DiPathStats(plane, src.intValue(), dst.intValue(), windows, at,
                header >= 0 ? block.span(header, i) : block.span(i)));
    }

    private static String planeOf(String nameOrCommand) {
        if (nameOrCommand == null) {
            return null;
        }
        Matcher m = COMMAND.matcher(nameOrCommand);
        if (m.find()) {
            return m.group(1).toLowerCase(java.util.Locale.ROOT);
        }
        if (NameHints.isCommand(nameOrCommand)) {
            return null;
        }
        Matcher f = FILE.matcher(NameHints.baseName(nameOrCommand));
        return f.find() ? f.group(1).toLowerCase(java.util.Locale.ROOT) + "plane" : null;
    }

    /** {@code 15 Second Interval} -> 15s, {@code 5 Minute Interval} -> 5min. */
    private static List<String> windowNames(String header) {
        List<String> out = new ArrayList<>();
        Matcher m = INTERVAL.matcher(header);
        while (m.find()) {
            out.add(m.group(1) + (m.group(2).equals("Second") ? "s" : "min"));
        }
        return out.size() == 3 ? out : DEFAULT_WINDOWS;
    }
}
