package dev.drophound.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a file name or command line says about its subject, e.g. the interface of {@code ethtool -S eth0}
 * from the command {@code ethtool -S eth0 | grep rx_}, the file {@code ethtool-S.eth0.after.txt} or the
 * sosreport name {@code sos_commands/networking/ethtool_-S_eth0}.
 */
public final class NameHints {
    private NameHints() {
    }

    private static final Pattern ETHTOOL_CMD = Pattern.compile(
            "\\bethtool\\s+(?:--\\S+\\s+)*(-[a-zA-Z]+|--[a-z-]+)\\s+(?:--\\S+\\s+)*([^\\s|;&<>]+)");
    private static final Pattern FILE_AFTER_OPTION = Pattern.compile(
            "ethtool[-_]+([a-zA-Z])[._-]+([^./\\s]+)");

    /**
     * The interface an ethtool output is about, given the option letter ({@code S}, {@code g}, {@code i}),
     * or null. Works on command lines and on file names such as {@code ethtool-S.eth0.txt},
     * {@code ethtool_-S_eth0}, {@code ethtool-g.v04a.txt}.
     */
    public static String ethtoolInterface(String nameOrCommand, char option) {
        if (nameOrCommand == null) {
            return null;
        }
        Matcher m = ETHTOOL_CMD.matcher(nameOrCommand);
        while (m.find()) {
            String opt = m.group(1);
            if (opt.length() >= 2 && opt.charAt(1) == option || opt.equals(longOption(option))) {
                return m.group(2);
            }
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        Matcher f = FILE_AFTER_OPTION.matcher(base);
        while (f.find()) {
            if (f.group(1).charAt(0) == option && !f.group(2).equals("txt")) {
                return f.group(2);
            }
        }
        return null;
    }

    private static String longOption(char option) {
        return switch (option) {
            case 'S' -> "--statistics";
            case 'g' -> "--show-ring";
            case 'i' -> "--driver";
            case 'l' -> "--show-channels";
            case 'k' -> "--show-features";
            default -> "";
        };
    }

    /** True if the name or command mentions the path or command, as a word. */
    public static boolean mentions(String nameOrCommand, Pattern pattern) {
        return nameOrCommand != null && pattern.matcher(nameOrCommand).find();
    }

    /**
     * The usual name score: 95 when a command line or path matches {@code command}, 85 when the last element of a
     * file name matches {@code file} (a file name has no spaces: {@code ps-aux.0003.txt}, sosreport's
     * {@code ps_auxwww}), else 0.
     */
    public static int commandOrFile(String nameOrCommand, Pattern command, Pattern file) {
        if (nameOrCommand == null) {
            return 0;
        }
        if (command.matcher(nameOrCommand).find()) {
            return 95;
        }
        String base = nameOrCommand.substring(nameOrCommand.lastIndexOf('/') + 1);
        return !nameOrCommand.contains(" ") && file.matcher(base).find() ? 85 : 0;
    }

    /** The name part of a file name or path ({@code proc-meminfo.before.txt} of {@code a/b/proc-meminfo.before.txt}). */
    public static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** True when the text is a command line rather than a file name: commands have blanks. */
    public static boolean isCommand(String nameOrCommand) {
        return nameOrCommand.chars().anyMatch(Character::isWhitespace);
    }
}
