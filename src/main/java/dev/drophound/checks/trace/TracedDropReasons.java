package dev.drophound.checks.trace;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.checks.Judge;
import dev.drophound.checks.Words;
import dev.drophound.facts.DropTrace;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Loss;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import dev.drophound.model.Observed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drops the kernel traced, with its reasons: {@code skb:kfree_skb} from a tracefs trace (what {@code drophound doctor}
 * records), {@code perf script}, {@code dropwatch} or bcc {@code tcpdrop}. Each trace is judged on its own: one finding
 * per kind of drop (reason, or location when the kernel gives none), at the stage the reason names. Counts are
 * events in the trace's window, never since boot, so these findings rank with measured growth in the verdict.
 *
 * <p>Severity (a sibling of {@link Judge}'s rule for traces): benign noise, routine protocol work and drops the kernel
 * gives no reason for at an unknown place are information; fewer than {@value #MIN_EVENTS} drops of a kind are
 * information; otherwise a warning, critical for losses at {@link Judge#CRITICAL_RATE}/s or more (when the rate comes
 * only from the first and last event's times, also at least that many drops, so a short burst is not called
 * critical). No listener and deliberate filtering stay warnings, as {@code udp.no-listener} does.
 */
public final class TracedDropReasons implements Check {

    public static final String ID = "trace.drop-reasons";
    static final long MIN_EVENTS = 10;
    private static final int EVIDENCE_LINES = 6;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Drop reasons traced (skb:kfree_skb, dropwatch)";
    }

    @Override
    public Stage stage() {
        return Stage.HOST;
    }

    @Override
    public CheckResult run(Case c) {
        List<Observed<DropTrace.Window>> windows = c.all(DropTrace.Window.class);
        if (windows.isEmpty()) {
            return CheckResult.missing("a drop trace: drophound doctor (traces skb:kfree_skb), the tracefs trace of "
                    + "skb:kfree_skb, perf script of skb:kfree_skb, or dropwatch -l kas");
        }
        Map<String, List<DropTrace.Tally>> tallies = new LinkedHashMap<>();
        c.all(DropTrace.Tally.class).forEach(o -> tallies.computeIfAbsent(key(o), k -> new ArrayList<>()).add(o.fact()));
        Map<String, List<DropTrace.Destination>> destinations = new LinkedHashMap<>();
        c.all(DropTrace.Destination.class).forEach(o -> destinations.computeIfAbsent(key(o), k -> new ArrayList<>()).add(o.fact()));
        Optional<Duration> caseWindow = c.window();
        List<Finding> out = new ArrayList<>();
        for (Observed<DropTrace.Window> w : windows) {
            String key = key(w);
            Trace trace = new Trace(w.fact(), tallies.getOrDefault(key, List.of()), destinations.getOrDefault(key, List.of()),
                    caseWindow.map(d -> d.toMillis() / 1000.0).orElse(null));
            out.addAll(findings(c, trace));
        }
        return CheckResult.of(out);
    }

    /** Facts of one trace share their block: same subject, same sample, same source. */
    private static String key(Observed<? extends DropTrace> o) {
        return o.subject() + '\u0000' + o.sample().order() + '\u0000' + o.fact().span().source();
    }

    /**
     * One trace's facts and the window its rates are over: the Case's when the trace ran during the samples
     * (drophound doctor), else from its first to its last event.
     */
    private record Trace(DropTrace.Window window, List<DropTrace.Tally> tallies, List<DropTrace.Destination> destinations,
            Double caseSeconds) {

        Double seconds() {
            return caseSeconds != null && caseSeconds > 0 ? caseSeconds : window.seconds();
        }

        String tool() {
            return switch (window.tool()) {
                case "tracefs" -> "The skb:kfree_skb trace";
                case "perf" -> "perf script of skb:kfree_skb";
                case "dropwatch" -> "dropwatch";
                case "tcpdrop" -> "tcpdrop";
                default -> window.tool();
            };
        }

        /** ", 315/s over 10 s", " over 54 ms from first to last event", or "" when the trace has no times. */
        String period(Double rate) {
            Double s = seconds();
            if (s == null) {
                return "";
            }
            String d = s < 0.001 ? "less than 1 ms" : s < 0.01 ? String.format(Locale.ROOT, "%.1f ms", s * 1000)
                    : Words.duration(Duration.ofNanos(Math.round(s * 1e9)));
            return (rate == null ? "" : ", " + Words.rate(rate)) + " over " + d
                    + (caseSeconds != null && caseSeconds > 0 ? "" : " from first to last event");
        }
    }

    private static List<Finding> findings(Case c, Trace trace) {
        Map<String, List<DropTrace.Tally>> byCause = new LinkedHashMap<>();
        Map<String, DropCauses.Cause> causes = new LinkedHashMap<>();
        for (DropTrace.Tally t : trace.tallies()) {
            DropCauses.Cause cause = DropCauses.classify(t);
            causes.putIfAbsent(cause.key(), cause);
            byCause.computeIfAbsent(cause.key(), k -> new ArrayList<>()).add(t);
        }
        List<Finding> out = new ArrayList<>();
        byCause.forEach((key, list) -> out.add(finding(c, trace, causes.get(key), list)));
        if (out.isEmpty()) {
            out.add(quiet(trace));
        }
        return out;
    }

    private static Finding quiet(Trace trace) {
        DropTrace.Window w = trace.window();
        StringBuilder s = new StringBuilder(trace.tool()).append(" (").append(w.span().where()).append(") recorded no drop")
                .append(trace.period(null)).append('.');
        if (w.consumed() > 0) {
            s.append(' ').append(Words.count(w.consumed())).append(" consume_skb events are packets freed after normal use, "
                    + "not drops.");
        }
        if (w.events() == 0 && trace.seconds() == null) {
            s.append(" An empty trace also results when skb:kfree_skb was not enabled.");
        }
        return Finding.builder(ID, Stage.HOST, "Traced drops: none").severity(Severity.OK).summary(s.toString())
                .evidence(w.span())
                .confidence(w.lostEvents() > 0 ? Confidence.MEDIUM : Confidence.HIGH, lostNote(w, "the kernel reports every drop to the trace"))
                .build();
    }

    private static Finding finding(Case c, Trace trace, DropCauses.Cause cause, List<DropTrace.Tally> tallies) {
        long count = tallies.stream().mapToLong(DropTrace.Tally::count).sum();
        Double seconds = trace.seconds();
        // a rate of a handful of events, or of events microseconds apart, says nothing
        Double rate = seconds == null || !hasTimes(tallies) || count < MIN_EVENTS ? null : count / seconds;
        boolean caseWindow = trace.caseSeconds() != null && trace.caseSeconds() > 0;
        Severity severity = severity(cause.kind(), count, rate, caseWindow);
        DropTrace.Window w = trace.window();
        String atLeast = w.lostEvents() > 0 ? "at least " : "";

        StringBuilder s = new StringBuilder(trace.tool()).append(" shows ").append(atLeast).append(Words.count(count))
                .append(count == 1 ? " drop " : " drops ").append(cause.phrase()).append(trace.period(rate));
        s.append(" (").append(tallies.get(0).span().where()).append("): ").append(TraceWords.places(tallies)).append(". ")
                .append(TraceWords.capitalised(cause.meaning()));
        if (cause.inferred()) {
            s.append(" (inferred from the location)");
        }
        s.append('.');
        List<DropTrace.Destination> named = destinations(cause, tallies, trace.destinations());
        if (!named.isEmpty()) {
            s.append(' ').append(TraceWords.destinations(named));
        }
        if (cause.kind() == DropCauses.Kind.NOISE) {
            s.append(" Benign: not counted as loss.");
        }

        Finding.Builder b = Finding.builder(ID, cause.stage(), "Traced drops: " + cause.label() + " (" + cause.meaning() + ")")
                .severity(severity)
                .summary(s.toString())
                .explanation(cause.why())
                .confidence(confidence(cause, w), lostNote(w, cause.inferred()
                        ? "the kernel gave no reason: the stage is inferred from the function that dropped"
                        : "the kernel gave the reason for every drop"));
        if (counted(cause.kind())) {
            String event = trace.window().tool().equals("tracefs") || trace.window().tool().equals("perf")
                    ? "skb:kfree_skb" : trace.window().tool();
            b.loss(new Loss(count, rate, seconds, false, event + " " + cause.label()));
        }
        tallies.stream().limit(EVIDENCE_LINES).forEach(t -> b.evidence(t.span()));
        named.stream().limit(EVIDENCE_LINES).forEach(d -> b.evidence(d.span()));
        if (cause.kind() != DropCauses.Kind.NOISE && cause.kind() != DropCauses.Kind.ROUTINE) {
            TraceFixes.of(cause.fix(), c).forEach(b::fix);
        }
        if (cause.kind() == DropCauses.Kind.UNEXPLAINED) {
            b.next("see which code frees the packets: perf record -e skb:kfree_skb -a -g sleep 10; perf script "
                    + "(the stack names the caller)");
        }
        if (cause.inferred() && cause.kind() != DropCauses.Kind.UNEXPLAINED) {
            b.next("a kernel of 5.17 or later prints the reason with each drop; compare with the counters of that stage");
        }
        if (cause.fix() == DropCauses.Fix.SOCKET_BUFFER && named.isEmpty()) {
            b.next("find the socket: ss -uamp / ss -tmp (skmem d = its drops) or the drops column of /proc/net/udp, "
                    + "/proc/net/udp6, /proc/net/raw6");
        }
        return b.build();
    }

    /** The sibling of {@link Judge#loss} for traced drops (see the class comment). */
    static Severity severity(DropCauses.Kind kind, long count, Double perSecond, boolean caseWindow) {
        if (!counted(kind) || count < MIN_EVENTS) {
            return Severity.INFO;
        }
        if (kind == DropCauses.Kind.LOSS && perSecond != null && perSecond >= Judge.CRITICAL_RATE
                && (caseWindow || count >= Judge.CRITICAL_RATE)) {
            return Severity.CRITICAL;
        }
        return Severity.WARNING;
    }

    private static boolean counted(DropCauses.Kind kind) {
        return kind == DropCauses.Kind.LOSS || kind == DropCauses.Kind.NO_LISTENER || kind == DropCauses.Kind.FILTERED;
    }

    private static boolean hasTimes(List<DropTrace.Tally> tallies) {
        return tallies.stream().anyMatch(t -> t.firstSeconds() != null);
    }

    private static Confidence confidence(DropCauses.Cause cause, DropTrace.Window w) {
        if (cause.inferred() || cause.kind() == DropCauses.Kind.UNEXPLAINED || w.lostEvents() > 0) {
            return Confidence.MEDIUM;
        }
        return Confidence.HIGH;
    }

    private static String lostNote(DropTrace.Window w, String base) {
        return w.lostEvents() == 0 ? base : base + "; the trace buffer lost " + Words.count(w.lostEvents())
                + " events, so the counts are a minimum";
    }

    /**
     * The addresses the kernel named for UDP drops of this kind: udp_fail_queue_rcv_skb fires where UDP fails to
     * queue a datagram (full buffer, udp_mem), a port unreachable icmp_send where UDP finds no socket.
     */
    private static List<DropTrace.Destination> destinations(DropCauses.Cause cause, List<DropTrace.Tally> tallies,
            List<DropTrace.Destination> all) {
        boolean udp = tallies.stream().map(DropCauses::site).anyMatch(s -> s != null && s.matches("_*udp.*"));
        String event = !udp ? null : switch (cause.fix()) {
            case SOCKET_BUFFER, SOCKET_MEMORY -> "udp_fail_queue_rcv_skb";
            case LISTENER -> "icmp_send";
            default -> null;
        };
        return event == null ? List.of() : all.stream().filter(d -> d.event().equals(event)).toList();
    }
}
