package dev.drophound.parse.socket;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a command line ({@code while true; do ss -nump; sleep 1; done}) or a file name ({@code ss-uamp.after.txt},
 * {@code sos_commands/networking/ss_-peaonmi}) says about an {@code ss} run: whether it is one, whether it is
 * the {@code -s} summary (another format), and which socket kinds the flags select.
 */
record SsInvocation(boolean isSs, boolean fromCommand, boolean summary, Set<String> protocols) {

    private static final Pattern FILE = Pattern.compile("^ss(?:[-_]+-?([A-Za-z0-9]+))?(?:[-_.]|$)");

    static final SsInvocation NONE = new SsInvocation(false, false, false, Set.of());

    /** The kind the flags select when there is exactly one ({@code -u} -> udp), else null. */
    String protocol() {
        return protocols.size() == 1 ? protocols.iterator().next() : null;
    }

    static SsInvocation ofCommand(String command) {
        if (command == null) {
            return NONE;
        }
        for (String segment : command.split("[;|&()`]")) {
            String[] words = segment.strip().split("[\\s'\"]+");
            for (int w = 0; w < words.length; w++) {
                if (words[w].equals("ss") || words[w].endsWith("/ss")) {
                    Flags f = new Flags();
                    for (int a = w + 1; a < words.length; a++) {
                        f.option(words[a]);
                    }
                    return new SsInvocation(true, true, f.summary, f.protocols);
                }
            }
        }
        return NONE;
    }

    static SsInvocation ofFileName(String name) {
        if (name == null) {
            return NONE;
        }
        Matcher m = FILE.matcher(name.substring(name.lastIndexOf('/') + 1));
        if (!m.find()) {
            return NONE;
        }
        Flags f = new Flags();
        if (m.group(1) != null) {
            f.option("-" + m.group(1));
        }
        return new SsInvocation(true, false, f.summary, f.protocols);
    }

    /** ss options: letters grouped ({@code -uanmp}) or long ({@code --udp}). */
    private static final class Flags {
        final Set<String> protocols = new LinkedHashSet<>();
        boolean summary;

        void option(String word) {
            if (word.startsWith("--")) {
                switch (word) {
                    case "--summary" -> summary = true;
                    case "--udp", "--tcp", "--raw", "--packet", "--unix", "--dccp", "--sctp", "--mptcp" ->
                            protocols.add(word.substring(2));
                    default -> { }
                }
                return;
            }
            if (!word.startsWith("-")) {
                return; // a filter expression or an option's argument
            }
            for (int i = 1; i < word.length(); i++) {
                char c = word.charAt(i);
                switch (c) {
                    case 'u' -> protocols.add("udp");
                    case 't' -> protocols.add("tcp");
                    case 'w' -> protocols.add("raw");
                    case '0' -> protocols.add("packet");
                    case 'x' -> protocols.add("unix");
                    case 'd' -> protocols.add("dccp");
                    case 'S' -> protocols.add("sctp");
                    case 'M' -> protocols.add("mptcp");
                    case 's' -> summary = true;
                    default -> { }
                }
                if ("AfFND".indexOf(c) >= 0) {
                    return; // the rest of the group is this option's argument
                }
            }
        }
    }
}
