package dev.drophound.parse.staros;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DiHeartbeat;
import dev.drophound.facts.LogTime;
import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code show cloud monitor di-network detail} on a StarOS VPC-DI gateway: heartbeat results over the internal DI
 * network, one block per card, as seed 000 quotes it:
 *
 * <pre>
 * Card 2 Heartbeat Results:
 * ToCard   Health     5Min-Loss     60Min-Loss
 * ------   -------    ---------     ----------
 *    6       Bad       14.67%         3.50%
 * </pre>
 *
 * One {@link DiHeartbeat} per row (from the card of the block above, span: the card line and the row), with the date
 * line StarOS prints under the banner as {@code at}. Lines holding only {@code …} (rows the author left out) and blank
 * lines are used without comment; a row before any card line, or one without two percentages, is malformed. Only the
 * {@code detail} layout is known (seed 000); text after the last row is left to the sink as prose.
 */
public final class CloudMonitorDiNetworkParser implements Parser {

    private static final Pattern CARD = Pattern.compile("^\\s*Card\\s+(\\d+)\\s+Heartbeat Results:\\s*$");
    private static final Pattern HEADER = Pattern.compile("^\\s*ToCard\\s+Health\\s+5Min-Loss\\s+60Min-Loss\\s*$");
    private static final Pattern RULE = Pattern.compile("^\\s*-+(?:\\s+-+){3}\\s*$");
    /** Starts like a row: a card number first. */
    private static final Pattern ROWISH = Pattern.compile("^\\s*\\d+(?:\\s.*)?$");
    private static final Pattern COMMAND = Pattern.compile("(?i)\\bshow\\s+cloud\\s+monitor\\s+di-network\\s+detail\\b");
    private static final Pattern SUMMARY = Pattern.compile("(?i)\\bshow\\s+cloud\\s+monitor\\s+di-network\\b");
    private static final Pattern FILE = Pattern.compile("(?i)cloud[-_ ]?monitor[-_ ]?di[-_ ]?network");

    @Override
    public String id() {
        return "show-cloud-monitor-di-network";
    }

    @Override
    public String description() {
        return "StarOS show cloud monitor di-network detail: DI-network heartbeat health and loss per card pair";
    }

    @Override
    public List<String> examples() {
        return List.of("show cloud monitor di-network detail");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        int score = NameHints.commandOrFile(nameOrCommand, COMMAND, FILE);
        // without "detail" StarOS prints a summary this parser has never seen: let the content decide
        return score == 0 && NameHints.mentions(nameOrCommand, SUMMARY) ? 60 : score;
    }

    @Override
    public int contentScore(Block block) {
        for (int i : MonitorText.firstLines(block, 3)) {
            String line = block.line(i);
            if (CARD.matcher(line).matches() || HEADER.matcher(line).matches()) {
                return 95;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        LogTime at = null;
        int card = -1;
        int cardLine = -1;
        boolean prose = false; // a line not of this format since the last one that was: fillers after it are prose's
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            LogTime date = MonitorText.date(line);
            Matcher c = CARD.matcher(line);
            if (MonitorText.fillerOnly(line)) {
                if (!prose) {
                    sink.used(i);
                }
                continue;
            }
            prose = false;
            if (date != null) {
                at = date;
                sink.used(i);
            } else if (HEADER.matcher(line).matches() || RULE.matcher(line).matches()) {
                sink.used(i);
            } else if (c.matches()) {
                Long n = Numbers.decimal(c.group(1));
                card = n == null || n > Integer.MAX_VALUE ? -1 : n.intValue();
                cardLine = i;
                if (card < 0) {
                    sink.malformed(i, "card number is out of range");
                } else {
                    sink.used(i);
                }
            } else if (ROWISH.matcher(line).matches()) {
                row(block, sink, i, card, cardLine, at);
            } else {
                prose = true;
            }
        }
    }

    private static void row(Block block, ParseSink sink, int i, int card, int cardLine, LogTime at) {
        String[] t = MonitorText.tokens(block.line(i));
        if (card < 0) {
            sink.malformed(i, cardLine < 0 ? "heartbeat row before any 'Card N Heartbeat Results:' line"
                    : "heartbeat row under a malformed card line");
            return;
        }
        if (t.length != 4) {
            sink.malformed(i, "expected ToCard, Health, 5Min-Loss and 60Min-Loss, got " + t.length + " values");
            return;
        }
        Long to = Numbers.decimal(t[0]);
        Double loss5 = MonitorText.percent(t[2]);
        Double loss60 = MonitorText.percent(t[3]);
        if (to == null || to > Integer.MAX_VALUE || loss5 == null || loss60 == null) {
            sink.malformed(i, to == null || to > Integer.MAX_VALUE ? "ToCard is not a card number"
                    : "5Min-Loss and 60Min-Loss must be percentages like 3.50%");
            return;
        }
        sink.used(i);
        sink.fact(new DiHeartbeat(card, to.intValue(), t[1], loss5, loss60, at, block.span(cardLine, i)));
    }
}
