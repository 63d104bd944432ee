package dev.drophound.parse.iface;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words that follow a tool's name, read from a command line ({@code ip -s link show dev eth0 | grep RX})
 * or from a file name made from one ({@code ip-s-link.B.after.txt}, {@code sos_commands/networking/ip_-s_link}).
 *
 * <p>In a command the words are kept as typed ({@code -s}); in a file name the dashes and underscores are the
 * separators, so the words come without them ({@code s}, {@code link}) and everything after the first dot
 * (the sample label and extension) is dropped.
 */
record Invocation(boolean fromCommand, List<String> words) {

    /** One invocation per occurrence of the tool ({@code ip netns exec X ip -s link} has two). */
    static List<Invocation> of(String nameOrCommand, String tool) {
        List<Invocation> out = new ArrayList<>();
        if (nameOrCommand == null || nameOrCommand.isBlank()) {
            return out;
        }
        String s = nameOrCommand.strip();
        boolean command = s.chars().anyMatch(Character::isWhitespace);
        List<String> tokens;
        if (command) {
            tokens = Arrays.asList(s.split("\\s+"));
        } else {
            String base = s.substring(s.lastIndexOf('/') + 1);
            int dot = base.indexOf('.');
            tokens = Arrays.asList((dot > 0 ? base.substring(0, dot) : base).split("[-_]+"));
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals(tool) || t.endsWith("/" + tool)) {
                out.add(new Invocation(command, wordsAfter(tokens, i + 1, command)));
            }
        }
        return out;
    }

    private static List<String> wordsAfter(List<String> tokens, int from, boolean command) {
        List<String> words = new ArrayList<>();
        for (int i = from; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.isEmpty()) {
                continue;
            }
            if (command && (t.startsWith("|") || t.startsWith(";") || t.startsWith("&&"))) {
                break;
            }
            if (command && (t.contains(">") || t.contains("<"))) {
                continue; // a redirection such as 2>&1
            }
            boolean last = command && (t.endsWith(";") || t.endsWith("|"));
            if (last) {
                t = t.substring(0, t.length() - 1);
            }
            if (!t.isEmpty()) {
                words.add(t);
            }
            if (last) {
                break;
            }
        }
        return words;
    }

    /** The word without its leading dashes: {@code --interfaces=eth0} gives {@code interfaces=eth0}. */
    static String bare(String word) {
        int i = 0;
        while (i < word.length() && word.charAt(i) == '-') {
            i++;
        }
        return word.substring(i);
    }

    /** True if the word is an option: it starts with a dash in a command; in a file name nothing tells. */
    boolean isOption(String word) {
        return word.startsWith("-");
    }
}
