package dev.drophound.parse.nic;

import dev.drophound.evidence.Block;
import dev.drophound.facts.DriverInfo;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ethtool -i IF} ({@code --driver}): which driver, driver version, firmware and bus address.
 *
 * <pre>
 * driver: virtio_net
 * version: 1.0.0
 * firmware-version:
 * expansion-rom-version:
 * bus-info: 0000:00:03.0
 * supports-statistics: yes
 * ...
 * </pre>
 *
 * Every {@code key: value} line is understood; driver, version, firmware-version and bus-info are kept, an
 * empty value gives null. {@code Cannot get driver information: ...} is a tool message. A line without a colon
 * inside the output is malformed. Several outputs in one block give one fact each (each starts at
 * {@code driver:}). The interface comes from the command or file name, else {@code "?"}.
 */
public final class EthtoolDriverParser implements Parser {

    private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([a-z][a-z0-9-]*):(?:\\s+(.*?))?\\s*$");
    private static final Pattern DRIVER = Pattern.compile("^driver: \\S+\\s*$");
    private static final EthtoolText.Names NAMES = new EthtoolText.Names('i', "--driver");

    @Override
    public String id() {
        return "ethtool-i";
    }

    @Override
    public String description() {
        return "ethtool -i: the NIC's driver, driver version, firmware and bus address";
    }

    @Override
    public List<String> examples() {
        return List.of("ethtool -i eth0", "sos_commands/networking/ethtool_-i_eth0", "ethtool-i.eth0.txt");
    }

    @Override
    public int nameScore(String nameOrCommand) {
        return NAMES.score(nameOrCommand);
    }

    @Override
    public int contentScore(Block block) {
        int first = block.firstNonBlank();
        if (first < 0) {
            return 0;
        }
        if (block.line(first).startsWith("Cannot get driver information")) {
            return 90;
        }
        boolean driver = false;
        for (int i = first; i < Math.min(block.size(), first + 6); i++) {
            String l = block.line(i);
            driver |= DRIVER.matcher(l).matches();
            if (driver && (l.startsWith("bus-info:") || l.startsWith("firmware-version:"))) {
                return 95;
            }
        }
        return driver ? 40 : 0;
    }

    @Override
    public boolean startsOutput(String line) {
        return DRIVER.matcher(line).matches();
    }

    @Override
    public void parse(Block block, ParseSink sink) {
        String iface = EthtoolText.iface(block, 'i');
        String entity = iface == null ? "?" : iface;
        int last = lastKeyValue(block);
        Info info = null;
        for (int i = 0; i < block.size(); i++) {
            String line = block.line(i);
            if (line.isBlank()) {
                continue;
            }
            if (EthtoolText.isToolMessage(line)) {
                sink.toolMessage(i, line.strip());
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                if (i < last) {
                    sink.malformed(i, "expected 'key: value'");
                }
                continue;
            }
            String key = m.group(1);
            String value = m.group(2) == null || m.group(2).isEmpty() ? null : m.group(2);
            if (key.equals("driver")) {
                if (info != null) {
                    info.emit(block, sink, entity);
                }
                info = new Info(i);
            } else if (info == null) {
                info = new Info(i); // output cut before its driver: line (grep), keep what is there
            }
            switch (key) {
                case "driver" -> info.driver = value;
                case "version" -> info.version = value;
                case "firmware-version" -> info.firmware = value;
                case "bus-info" -> info.busInfo = value;
                default -> {
                    // expansion-rom-version, supports-*: understood, not needed
                }
            }
            info.last = i;
            sink.used(i);
        }
        if (info != null) {
            info.emit(block, sink, entity);
        }
    }

    private static int lastKeyValue(Block block) {
        for (int i = block.size() - 1; i >= 0; i--) {
            if (KEY_VALUE.matcher(block.line(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** One output while it is read. */
    private static final class Info {
        final int first;
        int last;
        String driver;
        String version;
        String firmware;
        String busInfo;

        Info(int first) {
            this.first = first;
            this.last = first;
        }

        void emit(Block block, ParseSink sink, String iface) {
            if (driver == null && version == null && firmware == null && busInfo == null) {
                sink.warning(first, "no driver, version, firmware-version or bus-info line");
                return;
            }
            sink.fact(new DriverInfo(iface, driver, version, firmware, busInfo, block.spanRange(first, last)));
        }
    }
}
