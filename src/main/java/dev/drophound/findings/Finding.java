package dev.drophound.findings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One conclusion about the evidence: what, where, how bad, the lines it rests on, why, and what to do.
 *
 * @param id          stable id of the condition ({@code udp.rcvbuf-overflow}); several findings may share it
 *                    (one per socket, per CPU...)
 * @param summary     one sentence with the numbers
 * @param explanation why this happens and how to read the numbers
 * @param nextSteps   what to look at when the evidence is not enough
 * @param loss        the packets lost, when the finding is about a loss (null otherwise)
 * @param socket      the socket, for per-socket findings (null otherwise)
 */
public record Finding(String id, Severity severity, Stage stage, String title, String summary,
        List<EvidenceLine> evidence, String explanation, List<Remediation> remediation, Confidence confidence,
        String confidenceReason, List<String> nextSteps, Loss loss, SocketRef socket) {

    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
        remediation = List.copyOf(remediation);
        nextSteps = List.copyOf(nextSteps);
        Objects.requireNonNull(confidence, "confidence");
    }

    public static Builder builder(String id, Stage stage, String title) {
        return new Builder(id, stage, title);
    }

    /** Builds a finding step by step; checks read better that way than with a 13-argument constructor. */
    public static final class Builder {
        private final String id;
        private final Stage stage;
        private final String title;
        private Severity severity = Severity.INFO;
        private String summary = "";
        private final List<EvidenceLine> evidence = new ArrayList<>();
        private String explanation = "";
        private final List<Remediation> remediation = new ArrayList<>();
        private Confidence confidence = Confidence.MEDIUM;
        private String confidenceReason = "";
        private final List<String> nextSteps = new ArrayList<>();
        private Loss loss;
        private SocketRef socket;

        private Builder(String id, Stage stage, String title) {
            this.id = id;
            this.stage = stage;
            this.title = title;
        }

        public Builder severity(Severity s) {
            this.severity = s;
            return this;
        }

        public Builder summary(String s) {
            this.summary = s;
            return this;
        }

        public Builder evidence(dev.drophound.facts.Span span) {
            for (EvidenceLine l : EvidenceLine.of(span)) {
                if (!evidence.contains(l)) {
                    evidence.add(l);
                }
            }
            return this;
        }

        public Builder explanation(String s) {
            this.explanation = s;
            return this;
        }

        public Builder fix(Remediation r) {
            remediation.add(r);
            return this;
        }

        public Builder confidence(Confidence c, String reason) {
            this.confidence = c;
            this.confidenceReason = reason;
            return this;
        }

        public Builder next(String step) {
            nextSteps.add(step);
            return this;
        }

        public Builder loss(Loss l) {
            this.loss = l;
            return this;
        }

        public Builder socket(SocketRef s) {
            this.socket = s;
            return this;
        }

        public Finding build() {
            return new Finding(id, severity, stage, title, summary, evidence, explanation, remediation, confidence,
                    confidenceReason, nextSteps, loss, socket);
        }
    }
}
