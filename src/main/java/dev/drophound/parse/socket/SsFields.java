package dev.drophound.parse.socket;

import dev.drophound.facts.SocketEntry.Endpoint;
import dev.drophound.facts.SocketEntry.Owner;
import dev.drophound.parse.Numbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pieces of an {@code ss} socket line: words, addresses, {@code users:(...)}, {@code skmem:(...)}. */
final class SsFields {
    private SsFields() {
    }

    // users:(("nginx",pid=1,fd=6),("nginx",pid=2,fd=6)); iproute2 before 3.19 printed ("sshd",6779,3)
    private static final Pattern OWNER = Pattern.compile("\\(\"((?:[^\"\\\\]|\\\\.)*)\",(?:pid=)?(\\d+),(?:fd=)?(\\d+)\\)");
    private static final Pattern SKMEM_ITEM = Pattern.compile("([a-z]+)(\\d+)");

    /** Splits on blanks outside quotes and parentheses, so {@code users:(("Web Content",pid=1,fd=2))} is one word. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                cur.append(c);
                if (c == '\\' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (Character.isWhitespace(c) && depth == 0) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            }
            cur.append(c);
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** True if the word's parentheses and quotes close: a word cut by a truncated capture does not. */
    static boolean closed(String word) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
        }
        return depth == 0 && !quoted;
    }

    /**
     * {@code 127.0.0.1:47001}, {@code [::1]:47002}, {@code [fe80::1]%dh0:123}, {@code 127.0.0.1%lo:514},
     * {@code :::22} (old ss), {@code *:58}, {@code [2048]:dh1}, {@code 10.0.2.15:ssh}: address (brackets gone,
     * IPv6 compressed, {@code %device} kept) and port as printed. Null if there is no port.
     */
    static Endpoint endpoint(String word) {
        String address;
        String rest;
        if (word.startsWith("[")) {
            int close = word.indexOf(']');
            if (close < 0) {
                return null;
            }
            address = word.substring(1, close);
            rest = word.substring(close + 1); // "%dh0:47105" or ":47105"
        } else {
            address = "";
            rest = word;
        }
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || colon == rest.length() - 1) {
            return null;
        }
        String scoped = address + rest.substring(0, colon);
        int pct = scoped.indexOf('%');
        String host = pct < 0 ? scoped : scoped.substring(0, pct);
        return new Endpoint(Addresses.normalise(host) + (pct < 0 ? "" : scoped.substring(pct)), rest.substring(colon + 1));
    }

    /** The processes in {@code users:((...))}; those cut off by a truncated line are not returned. */
    static List<Owner> owners(String word) {
        List<Owner> out = new ArrayList<>();
        Matcher m = OWNER.matcher(word);
        while (m.find()) {
            Long pid = Numbers.decimal(m.group(2));
            Long fd = Numbers.decimal(m.group(3));
            if (pid != null && fd != null) {
                out.add(new Owner(m.group(1), pid.intValue(), fd.intValue()));
            }
        }
        return out;
    }

    /** {@code skmem:(r1280,rb2304,t0,tb212992,f2816,w0,o0,bl0,d3149)} by letter(s); null if an item is not one. */
    static Map<String, Long> skmem(String word) {
        if (!word.startsWith("skmem:(") || !word.endsWith(")")) {
            return null;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String item : word.substring(7, word.length() - 1).split(",")) {
            Matcher m = SKMEM_ITEM.matcher(item);
            Long v = m.matches() ? Numbers.decimal(m.group(2)) : null;
            if (v == null) {
                return null;
            }
            out.put(m.group(1), v);
        }
        return out;
    }
}
