package dev.drophound.parse.iface;

/**
 * Which of netstat's modes a command line or file name asks for: {@code -i} / {@code --interfaces[=IF]}
 * (interface table), with {@code -e} / {@code --extend} (ifconfig-shaped blocks), or another mode such as
 * {@code -s}. File names carry the letters without dashes: {@code netstat-ie.txt}, {@code netstat-i.v04a-ns.A.txt}.
 */
record NetstatOptions(boolean interfaces, boolean extend, boolean otherMode) {

    static NetstatOptions of(String nameOrCommand) {
        boolean interfaces = false;
        boolean extend = false;
        boolean other = false;
        boolean any = false;
        for (Invocation inv : Invocation.of(nameOrCommand, "netstat")) {
            any = true;
            for (String w : inv.words()) {
                if (inv.fromCommand() && !inv.isOption(w)) {
                    continue; // e.g. an interface name
                }
                String o = Invocation.bare(w);
                boolean longOption = inv.fromCommand() ? w.startsWith("--") : o.length() > 4;
                if (longOption) {
                    String name = o.contains("=") ? o.substring(0, o.indexOf('=')) : o;
                    interfaces |= name.equals("interfaces");
                    extend |= name.equals("extend");
                    other |= name.equals("statistics") || name.equals("route") || name.equals("groups")
                            || name.equals("masquerade");
                    continue;
                }
                for (char c : o.toCharArray()) {
                    interfaces |= c == 'i';
                    extend |= c == 'e';
                    other |= c == 's' || c == 'r' || c == 'g' || c == 'M';
                }
            }
        }
        return any ? new NetstatOptions(interfaces, extend, other) : null;
    }
}
