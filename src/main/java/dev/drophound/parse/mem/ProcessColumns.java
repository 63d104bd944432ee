package dev.drophound.parse.mem;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What ps and top print alike: sizes in KiB with an optional unit suffix, and command lines. */
final class ProcessColumns {
    private ProcessColumns() {
    }

    /**
     * A size column in bytes: KiB as printed ({@code 75120}), or scaled with a suffix ({@code 73.4m} from procps top
     * {@code -e m}, {@code 149m} from busybox); null if not a size.
     */
    static Long bytes(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        char last = Character.toLowerCase(token.charAt(token.length() - 1));
        int shift = switch (last) {
            case 'k' -> 0;
            case 'm' -> 10;
            case 'g' -> 20;
            case 't' -> 30;
            case 'p' -> 40;
            case 'e' -> 50;
            default -> -1;
        };
        String number = shift < 0 ? token : token.substring(0, token.length() - 1);
        if (number.isEmpty() || !number.matches("\\d+(?:\\.\\d+)?")) {
            return null;
        }
        try {
            BigDecimal kib = new BigDecimal(number).multiply(BigDecimal.valueOf(1L << Math.max(shift, 0)));
            return kib.multiply(BigDecimal.valueOf(1024)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * The program of a command line: {@code [kthreadd]} (a kernel thread) -> {@code kthreadd},
     * {@code /usr/bin/python3 hold.py 64} -> {@code python3}, {@code -bash} (a login shell) -> {@code bash},
     * {@code sshd: root@pts/0} (a retitled process) -> {@code sshd}.
     */
    static String program(String args) {
        String a = args.strip();
        if (a.length() > 2 && a.startsWith("[") && a.endsWith("]")) {
            return a.substring(1, a.length() - 1);
        }
        String first = a.split("\\s+", 2)[0];
        if (first.startsWith("/") || first.startsWith("./") || first.startsWith("../")) {
            first = first.substring(first.lastIndexOf('/') + 1);
        }
        if (first.length() > 1 && first.startsWith("-")) {
            first = first.substring(1);
        }
        if (first.length() > 1 && first.endsWith(":")) {
            first = first.substring(0, first.length() - 1);
        }
        return first;
    }

    /**
     * Splits a table row into one value per column, the column at {@code wide} (a command, which may hold spaces)
     * taking what the others leave ({@code wide} -1: no such column); null if the row has too few or too many values.
     */
    static List<String> split(String line, int columns, int wide) {
        String[] tokens = line.strip().split("\\s+");
        if (tokens.length < columns || tokens[0].isEmpty() || wide < 0 && tokens.length != columns) {
            return null;
        }
        if (wide < 0) {
            return List.of(tokens);
        }
        List<String> out = new ArrayList<>(columns);
        int after = columns - wide - 1;
        for (int c = 0; c < wide; c++) {
            out.add(tokens[c]);
        }
        out.add(String.join(" ", java.util.Arrays.copyOfRange(tokens, wide, tokens.length - after)));
        for (int c = tokens.length - after; c < tokens.length; c++) {
            out.add(tokens[c]);
        }
        return out;
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
