package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DriverInfo;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The driver of each interface from sysfs, where {@code ethtool -i} is not available: the link
 * {@code /sys/class/net/IF/device/driver -> ../../../../bus/virtio/drivers/virtio_net}, as {@code ls -l} prints it
 * (with the permission columns before) or as {@code find ... -printf '%p -> %l\n'} and drophound's live run write
 * it. The driver is the last element of the target. {@code ls: cannot access ...} (a virtual interface has no
 * device) is a tool message.
 */
public final class SysfsDriverParser implements Parser {

    private static final Pattern LINK = Pattern.compile(
            "^(?:l[rwx-]{9}\\S*\\s+\\d+\\s+.*\\s)?/?(?:\\S*/)?sys/class/net/([^/\\s]+)/device/driver -> (\\S*/drivers/([^/\\s]+))$");
    private static final Pattern MESSAGE = Pattern.compile("^(?:ls|find|readlink): .*$");
    private static final Pattern NAME = Pattern.compile("(?:sys[-_/]class[-_/]net[-_/].*device[-_/]driver|readlink\\s.*/device/driver"
            + "|\\bls\\s+-\\w*l\\w*\\s+/sys/class/net/\\S*/device/driver)");

    @Override
    public String id() {
        return "sysfs-driver";
    }

    @Override
    public String description() {
        return "the driver of each interface from /sys/class/net/IF/device/driver (when ethtool -i is missing)";
    }

    @Override
    public List<String> examples() {
        return List.of("ls -l /sys/class/net/*/device/driver",
                "find /sys/class/net/*/device/driver -maxdepth 0 -printf '%p -> %l\\n'");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return nameOrCommand != null && NAME.matcher(nameOrCommand).find() ? 90 : 0;
    }

    @Override
    public int contentScore(Block block) {
        for (int i = 0; i < block.size() && i < 10; i++) {
            String line = block.line(i).strip();
            if (!line.isEmpty()) {
                return LINK.matcher(line).matches() ? 95 : 0;
            }
        }
        return 0;
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINK.matcher(line);
            if (m.matches()) {
                sink.fact(new DriverInfo(m.group(1), m.group(3), null, null, null, block.span(i)));
                sink.used(i);
            } else if (MESSAGE.matcher(line).matches()) {
                sink.toolMessage(i, line);
            } else if (line.contains("/device/driver")) {
                sink.malformed(i, "expected '/sys/class/net/IF/device/driver -> .../drivers/NAME'");
            }
        }
    }
}
