package dev.drophound.parse.host;

import dev.drophound.evidence.Block;
import dev.drophound.facts.HostInfo;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distribution, from whichever file or command names it:
 *
 * <ul>
 * <li>{@code /etc/os-release} (and {@code /usr/lib/os-release}, {@code /etc/lsb-release}): {@code KEY=value}
 *     lines, values optionally quoted; the OS is {@code PRETTY_NAME}, else {@code DISTRIB_DESCRIPTION}, else
 *     {@code NAME VERSION}. Comment lines are understood.</li>
 * <li>{@code /etc/redhat-release}, {@code /etc/centos-release}, {@code /etc/system-release}, ...: one line,
 *     {@code Rocky Linux release 8.10 (Green Obsidian)}, taken whole.</li>
 * <li>{@code lsb_release -a}: the {@code Description:} line ({@code No LSB modules are available.} is understood).</li>
 * </ul>
 * {@code cat: /etc/redhat-release: No such file or directory} is a tool message. A line of another shape
 * inside a KEY=value file is malformed; text after the output (an article's prose) is left alone.
 */
public final class OsReleaseParser implements Parser {

    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Z][A-Z0-9_]*)=(.*)$");
    private static final Pattern RELEASE_LINE = Pattern.compile("^\\s*([A-Z][\\w /.()+-]*? release \\d[\\w./-]*.*?)\\s*$");
    private static final Pattern LSB = Pattern.compile(
            "^\\s*(Distributor ID|Description|Release|Codename):\\s*(.*?)\\s*$|^\\s*No LSB modules are available\\.\\s*$");
    private static final Pattern MESSAGE = Pattern.compile("^\\s*(?:cat|lsb_release|head|grep): .*$");
    private static final Pattern NAME = Pattern.compile(
            "(?:^|[/\\s_-])(?:os|redhat|centos|rocky|almalinux|fedora|system|oracle|lsb)[-_]release\\b");
    private static final Pattern KNOWN_KEYS = Pattern.compile("^(?:PRETTY_NAME|NAME|ID|VERSION_ID|DISTRIB_ID)=.*");

    @Override
    public String id() {
        return "os-release";
    }

    @Override
    public String description() {
        return "/etc/os-release, /etc/redhat-release or lsb_release -a: the distribution";
    }

    @Override
    public List<String> examples() {
        return List.of("cat /etc/os-release", "cat /etc/redhat-release", "lsb_release -a", "etc/os-release");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 95 : 0;
    }

    @Override
    public int contentScore(Block block) {
        int seen = 0;
        int keyValues = 0;
        boolean known = false;
        for (int i = 0; i < block.size() && seen < 12; i++) {
            String line = block.line(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            seen++;
            if (seen == 1 && LSB.matcher(line).matches()) {
                return line.contains("Distributor ID") || line.contains("No LSB") ? 95 : 60;
            }
            if (seen == 1 && RELEASE_LINE.matcher(line).matches()) {
                return 75;
            }
            if (KEY_VALUE.matcher(line).matches()) {
                keyValues++;
                known |= KNOWN_KEYS.matcher(line.strip()).matches();
            } else if (seen == 1) {
                return 0;
            }
        }
        return keyValues == seen && known ? 90 : 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        int last = lastKeyValue(block);
        String pretty = null;
        int prettyLine = -1;
        String name = null;
        String version = null;
        int nameLine = -1;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            Matcher lsb = LSB.matcher(line);
            Matcher rel = RELEASE_LINE.matcher(line);
            if (MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line.strip());
            } else if (kv.matches()) {
                String value = unquote(kv.group(2));
                switch (kv.group(1)) {
                    case "PRETTY_NAME", "DISTRIB_DESCRIPTION" -> {
                        if (pretty == null || kv.group(1).equals("PRETTY_NAME")) {
                            pretty = value;
                            prettyLine = i;
                        }
                    }
                    case "NAME" -> {
                        name = value;
                        nameLine = i;
                    }
                    case "VERSION" -> version = value;
                    default -> {
                        // ID, VERSION_ID, HOME_URL, ...: understood, not needed
                    }
                }
                sink.used(i);
            } else if (line.strip().startsWith("#") && last >= 0) {
                sink.used(i);
            } else if (lsb.matches()) {
                if ("Description".equals(lsb.group(1)) && !lsb.group(2).isEmpty()) {
                    pretty = lsb.group(2);
                    prettyLine = i;
                }
                sink.used(i);
            } else if (rel.matches() && last < 0 && pretty == null) {
                pretty = rel.group(1);
                prettyLine = i;
                sink.used(i);
            } else if (i < last) {
                sink.malformed(i, "expected KEY=value");
            }
        }
        if (pretty != null && !pretty.isEmpty()) {
            sink.fact(new HostInfo(null, null, pretty, block.span(prettyLine)));
        } else if (name != null) {
            sink.fact(new HostInfo(null, null, version == null ? name : name + " " + version, block.span(nameLine)));
        }
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static int lastKeyValue(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            if (KEY_VALUE.matcher(block.line(i)).matches()) {
                return i;
            }
        }
        return -1;
    }
}
