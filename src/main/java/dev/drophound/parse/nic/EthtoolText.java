package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.parse.NameHints;
import java.util.regex.Pattern;

/** What the ethtool parsers share: the tool's own messages and where the interface name comes from. */
final class EthtoolText {
    private EthtoolText() {
    }

    /**
     * Lines ethtool prints instead of data: {@code no stats available} (lo, ovs-system),
     * {@code Cannot get stats strings information: Operation not supported},
     * {@code Cannot get device ring settings: ...}, {@code Cannot get driver information: ...},
     * {@code netlink error: Operation not supported} (ethtool 5.x+ over netlink), {@code No data available}.
     */
    private static final Pattern TOOL_MESSAGE = Pattern.compile(
            "^\\s*(?:no stats available|Cannot get .*|Cannot .*: .*|netlink error: .*|No data available"
                    + "|Operation not supported|Operation not permitted|No such device|Couldn't .*"
                    + "|ethtool: .*)\\s*$");

    /** Name scores of an ethtool output: 95 for the command line, 90 for a file named after it, else 0. */
    static final class Names {
        private final Pattern command;
        private final Pattern file;

        /** For {@code ethtool -S} / {@code --statistics}: {@code Names('S', "--statistics")}. */
        Names(char option, String longOption) {
            this.command = Pattern.compile("\\bethtool\\b[^|;&]*\\s(?:-" + option + "|" + Pattern.quote(longOption)
                    + ")(?:\\s|$)");
            this.file = Pattern.compile("(?:^|/)ethtool[-_]+" + option + "(?:[._-]|$)");
        }

        int score(String nameOrCommand) {
            if (nameOrCommand == null) {
                return 0;
            }
            if (command.matcher(nameOrCommand).find()) {
                return 95;
            }
            return file.matcher(nameOrCommand).find() ? 90 : 0;
        }
    }

    static boolean isToolMessage(String line) {
        return TOOL_MESSAGE.matcher(line).matches();
    }

    /**
     * The interface from the command ({@code ethtool -S ens33 | grep rx_}), else from the file name
     * ({@code ethtool-S.eth0.txt}, {@code sos_commands/networking/ethtool_-S_eth0}); null if neither says.
     */
    static String iface(Block block, char option) {
        String fromCommand = NameHints.ethtoolInterface(block.nameOrCommand(), option);
        if (fromCommand != null) {
            return fromCommand;
        }
        return NameHints.ethtoolInterface(block.name(), option);
    }

    /** Leading blanks of a line, a tab counting as one: only compared within one output. */
    static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

}
