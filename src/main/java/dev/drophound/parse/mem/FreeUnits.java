package dev.drophound.parse.mem;

import dev.drophound.parse.NameHints;
import dev.drophound.parse.Numbers;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code free} command line or file name says about the unit of the numbers ({@code free -m},
 * {@code free-h.txt}, {@code sos_commands/memory/free_-m}), and how a printed value becomes bytes. See
 * {@link FreeParser} for the units each option gives.
 */
record FreeUnits(long multiplier, boolean human, boolean si) {

    private static final Pattern VALUE = Pattern.compile("^(\\d+(?:[.,]\\d+)?)(?:([BKkMGTPE])(i)?)?$");

    static FreeUnits of(String nameOrCommand) {
        int exponent = 1; // KiB unless an option says otherwise
        boolean decimal = false; // --kilo, --mega ...: powers of 1000 whatever --si says
        boolean human = false;
        boolean si = false;
        for (String option : options(nameOrCommand)) {
            int e = switch (option) {
                case "bytes", "b" -> 0;
                case "kibi", "kb", "kib", "kilo" -> 1;
                case "mebi", "mb", "mib", "mega" -> 2;
                case "gibi", "gb", "gib", "giga" -> 3;
                case "tebi", "tera" -> 4;
                case "pebi", "peta" -> 5;
                default -> -1;
            };
            if (e >= 0) {
                exponent = e;
                decimal = option.matches("kilo|mega|giga|tera|peta");
            } else if (option.equals("human")) {
                human = true;
            } else if (option.equals("si")) {
                si = true;
            } else if (option.matches("[bkmghtwlvsc]+")) { // bundled short options: -hw, -mt
                for (char c : option.toCharArray()) {
                    if ("bkmg".indexOf(c) >= 0) {
                        exponent = "bkmg".indexOf(c);
                        decimal = false;
                    }
                    human |= c == 'h';
                }
            }
        }
        return new FreeUnits(power(decimal || si ? 1000 : 1024, exponent), human, si);
    }

    /** The option words after {@code free}: {@code -hw} gives {@code hw}, {@code --si} gives {@code si}. */
    private static List<String> options(String nameOrCommand) {
        if (nameOrCommand == null) {
            return List.of();
        }
        String s;
        if (NameHints.isCommand(nameOrCommand)) {
            Matcher m = FreeParser.COMMAND.matcher(nameOrCommand);
            if (!m.find()) {
                return List.of();
            }
            s = nameOrCommand.substring(m.end()).split("[|;&>]", 2)[0];
            return Arrays.stream(s.strip().split("\\s+"))
                    .filter(w -> w.startsWith("-")).map(w -> w.replaceFirst("^-+", "")).toList();
        }
        String base = NameHints.baseName(nameOrCommand);
        Matcher m = FreeParser.FILE.matcher(base);
        if (!m.find()) {
            return List.of();
        }
        s = base.substring(m.end());
        int dot = s.indexOf('.');
        s = dot >= 0 ? s.substring(0, dot) : s;
        return Arrays.stream(s.split("[-_]+")).filter(w -> !w.isEmpty()).toList();
    }

    private static long power(long base, int exponent) {
        long v = 1;
        for (int i = 0; i < exponent; i++) {
            v *= base;
        }
        return v;
    }

    /** The token in bytes, or null if it is not a size. */
    Long bytes(String token, boolean humanTable) {
        Matcher m = VALUE.matcher(token);
        if (!m.matches()) {
            return null;
        }
        String suffix = m.group(2);
        Long whole = Numbers.decimal(m.group(1));
        if (suffix == null && !human && !humanTable && whole != null) {
            return whole * multiplier; // a bare number in the unit the options say
        }
        double number = Double.parseDouble(m.group(1).replace(',', '.'));
        if (suffix == null) {
            return Math.round(human || humanTable ? number : number * multiplier);
        }
        if (suffix.equals("B")) {
            return Math.round(number);
        }
        long base = m.group(3) != null || !si ? 1024 : 1000;
        return Math.round(number * power(base, "KMGTPE".indexOf(Character.toUpperCase(suffix.charAt(0))) + 1));
    }

    /** True when the printed value is rounded: a human size, or a count of MiB or more. */
    boolean rounds(String token) {
        return human || multiplier > 1024 || !token.chars().allMatch(Character::isDigit);
    }
}
