package dev.drophound.parse;

import dev.drophound.evidence.Block;
import java.util.List;

/**
 * Reads one input format into facts. Implementations are stateless and named after the command or path
 * they read ({@code ProcNetSnmpParser}); their class comment states the exact command, the variants
 * accepted and how odd lines are handled.
 *
 * <p>A block is routed to the parser whose {@link #contentScore} is highest, helped by {@link #nameScore}
 * (file name or command line); see {@link ParserRegistry}.
 */
public interface Parser {

    /** Stable id, used in reports and JSON: {@code proc-net-snmp}. */
    String id();

    /** One line for {@code drophound formats}: what the format is. */
    String description();

    /** Commands or paths that produce this format, e.g. {@code cat /proc/net/snmp}; the first is the main one. */
    List<String> examples();

    /**
     * How strongly a file name ({@code proc-net-snmp.before.txt}, {@code sos_commands/networking/ethtool_-S_eth0},
     * {@code proc/net/snmp}) or a command line ({@code cat /proc/net/snmp | grep Udp:}) says this format:
     * 0 (not at all) to 100 (certain).
     */
    int nameScore(String nameOrCommand);

    /**
     * How strongly the content says this format, 0 to 100. Should look at the first lines only: blocks can
     * be large. 90+ means a header or line shape no other format has.
     */
    int contentScore(Block block);

    /**
     * True when {@code line} is the first line of an output of this format (a header no other format prints),
     * so a paste of several outputs without shell prompts can be split there.
     */
    default boolean startsOutput(String line) {
        return false;
    }

    /** Turns the block into facts; reports malformed lines to the sink and goes on. */
    void parse(Block block, ParseSink sink);
}
