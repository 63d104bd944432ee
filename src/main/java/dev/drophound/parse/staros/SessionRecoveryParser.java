package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.LogTime;
import dev.drophound.facts.SessionRecoveryRow;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * StarOS {@code show session recovery status verbose} (seed 000): the overall status lines, then one row per CPU
 * with its state, active/standby sessmgr and aaamgr counts, active demux managers and status
 * ({@code  6/0 Active   0      0        0      0        10      Good (Demux)}), each a {@link SessionRecoveryRow}.
 * In a support text the output follows a {@code ******** show session recovery status verbose *******} banner and
 * a date line ({@code Tuesday October 24 11:23:45 EDT 2023}) that gives every row its {@code at}.
 *
 * <p>Accepted: the command abbreviated as the CLI allows ({@code show session recover status verbose}), trailing
 * spaces, lines of {@code …} where rows were elided (used). A CPU line without its five counts and status is
 * malformed and the other rows are kept. The {@code Overall Status} / {@code Last Status Update} lines are read
 * as understood; the rows do not carry them.
 */
public final class SessionRecoveryParser implements Parser {

    private static final int SNIFF_LINES = 30;
    private static final Pattern COMMAND = Pattern.compile("^show\\s+session\\s+recov\\w*\\s+stat\\w*");
    private static final Pattern FILE = Pattern.compile("(?i)^show[-_ ]session[-_ ]recovery[-_ ]status");
    private static final Pattern TITLE = Pattern.compile("^\\s*Session Recovery Status:\\s*$");
    private static final Pattern STATUS = Pattern.compile("^\\s+[A-Z][A-Za-z ]*?\\s*:\\s*\\S.*$");
    private static final Pattern GROUPS = Pattern.compile("^\\s*-+sessmgr-+\\s+-+aaamgr-+\\s+demux\\s*$");
    private static final Pattern COLUMNS = Pattern.compile(
            "^\\s*cpu\\s+state\\s+active\\s+standby\\s+active\\s+standby\\s+active\\s+status\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*-{2,}(?:\\s+-{2,})+\\s*$");
    private static final Pattern ROW = Pattern.compile("^\\s*((\\d{1,3})/\\d{1,3})\\s+([A-Za-z][\\w-]*)\\s+(\\d{1,9})"
            + "\\s+(\\d{1,9})\\s+(\\d{1,9})\\s+(\\d{1,9})\\s+(\\d{1,9})\\s+(\\S.*?)\\s*$");
    private static final Pattern CPU = Pattern.compile("^\\s*\\d{1,3}/\\d{1,3}\\s");
    private static final Pattern ELIDED = Pattern.compile("^[\\s\u2026]*\u2026[\\s\u2026]*$");

    @Override
    public String id() {
        return "show-session-recovery";
    }

    @Override
    public String description() {
        return "StarOS session recovery status per CPU (sessmgr/aaamgr/demux managers): which card is the Demux card";
    }

    @Override
    public List<String> examples() {
        return List.of("show session recovery status verbose", "show session recovery status");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand == null ? 0 : NameHints.commandOrFile(nameOrCommand.strip(), COMMAND, FILE);
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        for (int i = 0; i < block.size() && seen < SNIFF_LINES; i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            seen++;
            if (TITLE.matcher(line).matches()) {
                return 95;
            }
            if (GROUPS.matcher(line).matches() || COLUMNS.matcher(line).matches()) {
                return 90;
            }
        }
        return 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return TITLE.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        LogTime at = null;
        boolean inStatus = false;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                sink.used(i);
                sink.fact(new SessionRecoveryRow(m.group(1), Integer.parseInt(m.group(2)), m.group(3),
                        Integer.valueOf(m.group(4)), Integer.valueOf(m.group(5)), Integer.valueOf(m.group(6)),
                        Integer.valueOf(m.group(7)), Integer.valueOf(m.group(8)), m.group(9), at, block.span(i)));
                inStatus = false;
            } else if (CPU.matcher(line).find()) {
                sink.malformed(i, "expected cpu, state, sessmgr active/standby, aaamgr active/standby, demux and status");
            } else if (at == null && StarosLogTimes.isDateLine(line)) {
                sink.used(i);
                at = StarosLogTimes.dateLine(line);
            } else if (TITLE.matcher(line).matches()) {
                sink.used(i);
                inStatus = true;
            } else if (inStatus && STATUS.matcher(line).matches()) {
                sink.used(i); // Overall Status, Last Status Update
            } else if (GROUPS.matcher(line).matches() || COLUMNS.matcher(line).matches() || RULE.matcher(line).matches()
                    || ELIDED.matcher(line).matches()) {
                sink.used(i);
                inStatus = false;
            }
        }
    }
}
