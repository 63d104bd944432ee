package dev.drophound.parse.iface;

import dev.drophound.facts.InterfaceCounters;
import dev.drophound.facts.InterfaceState;
import dev.drophound.testing.TestData;

/** Lookups the interface parser tests share, failing with a message that says what was missing. */
final class IfaceFacts {
    private IfaceFacts() {
    }

    static long value(InterfaceCounters c, String name) {
        return c.counter(name).orElseThrow(() -> new AssertionError("no " + name + " in " + c)).value();
    }

    static InterfaceCounters counters(TestData.Parsed parsed, String iface) {
        return parsed.all(InterfaceCounters.class).stream().filter(c -> c.iface().equals(iface)).findFirst()
                .orElseThrow(() -> new AssertionError("no counters of " + iface));
    }

    static InterfaceState state(TestData.Parsed parsed, String iface) {
        return parsed.all(InterfaceState.class).stream().filter(c -> c.iface().equals(iface)).findFirst()
                .orElseThrow(() -> new AssertionError("no state of " + iface));
    }
}
