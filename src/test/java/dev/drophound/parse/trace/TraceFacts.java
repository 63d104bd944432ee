package dev.drophound.parse.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.facts.DropTrace;
import dev.drophound.testing.TestData;
import java.util.List;

/** Lookups over a parsed trace shared by the trace parser tests. */
final class TraceFacts {
    private TraceFacts() {
    }

    static List<DropTrace.Tally> tallies(TestData.Parsed p) {
        return p.all(DropTrace.Tally.class);
    }

    /** The one tally of this reason and location (reason may be null). */
    static DropTrace.Tally tally(TestData.Parsed p, String reason, String location) {
        List<DropTrace.Tally> found = tallies(p).stream()
                .filter(t -> java.util.Objects.equals(t.reason(), reason) && t.location().equals(location)).toList();
        assertThat(found).as(reason + " at " + location).hasSize(1);
        return found.get(0);
    }

    static DropTrace.Window window(TestData.Parsed p) {
        return p.one(DropTrace.Window.class);
    }

    static long dropsByReason(TestData.Parsed p, String reason) {
        return tallies(p).stream().filter(t -> java.util.Objects.equals(t.reason(), reason))
                .mapToLong(DropTrace.Tally::count).sum();
    }
}
