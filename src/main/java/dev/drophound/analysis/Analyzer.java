package dev.drophound.analysis;

import dev.drophound.checks.CheckRegistry;
import dev.drophound.evidence.ArchiveReader;
import dev.drophound.evidence.Block;
import dev.drophound.evidence.Diagnostic;
import dev.drophound.evidence.InputCollector;
import dev.drophound.evidence.InputFile;
import dev.drophound.evidence.Sectioner;
import dev.drophound.evidence.Source;
import dev.drophound.evidence.TextLoader;
import dev.drophound.facts.Fact;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Verdict;
import dev.drophound.findings.VerdictBuilder;
import dev.drophound.model.Case;
import dev.drophound.model.Sample;
import dev.drophound.model.SamplePlanner;
import dev.drophound.parse.ParseSink;
import dev.drophound.parse.Parser;
import dev.drophound.parse.ParserRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pipeline: evidence -> blocks -> parsers -> facts -> Case -> checks -> findings -> verdict. One path
 * for files, archives, stdin and the live host; renderers only show its {@link Analysis}.
 */
public final class Analyzer {

    /**
     * Samples kept per subject from one file: the first ones and the last. A repeated output (netstat -i -c,
     * a while loop around cat) needs only its ends for growth, and without a cap a long capture would fill the
     * heap with identical facts.
     */
    static final int MAX_SAMPLES_PER_SUBJECT = 200;

    private final ParserRegistry parsers;
    private final CheckRegistry checks;
    private final TextLoader loader;
    private final Sectioner sectioner;

    public Analyzer(ParserRegistry parsers, CheckRegistry checks, long maxFileBytes) {
        this.parsers = parsers;
        this.checks = checks;
        this.loader = new TextLoader(maxFileBytes);
        this.sectioner = new Sectioner(parsers::startsAnyOutput);
    }

    public static Analyzer standard() {
        return new Analyzer(ParserRegistry.standard(), CheckRegistry.standard(), TextLoader.DEFAULT_MAX_BYTES);
    }

    /** Reads files, directories and {@code -} (stdin) as given on the command line and analyses them. */
    public Analysis analyzePaths(List<String> arguments, InputStream stdin) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        InputCollector.Collected collected = new InputCollector(loader, ArchiveReader.Limits.STANDARD).collect(arguments);
        diagnostics.addAll(collected.diagnostics());
        Map<InputFile, SamplePlanner.Slot> slots = new SamplePlanner().plan(collected.files());
        List<Evidence> evidence = new ArrayList<>();
        SosreportSummary sosreports = new SosreportSummary();
        Map<Evidence, InputFile> fileOf = new java.util.IdentityHashMap<>();
        int read = 0;
        for (InputFile f : collected.files()) {
            Source source = f.isStdin() ? new Source("stdin", Source.Kind.STDIN)
                    : f.isArchiveMember() ? new Source(f.displayName(), Source.Kind.ARCHIVE_ENTRY)
                    : Source.file(f.displayName());
            TextLoader.Loaded loaded;
            if (f.isArchiveMember()) {
                loaded = f.preloaded().loaded();
            } else {
                try (InputStream in = f.isStdin() ? stdin : Files.newInputStream(f.path())) {
                    loaded = loader.load(in, source.name(), f.size());
                } catch (IOException e) {
                    diagnostics.add(Diagnostic.error(source.name(), 0, "cannot read: " + e.getMessage()));
                    continue;
                }
            }
            if (loaded.text() == null && f.sosreport() != null) {
                // a sosreport holds empty and binary files by the hundred: counted, not listed one by one
                sosreports.notText(f.sosreport(), f.relativeName(), loaded.skipped());
            } else {
                diagnostics.addAll(loaded.diagnostics());
            }
            if (loaded.text() != null) {
                read++;
                Evidence e = new Evidence(source, f.isStdin() ? "stdin" : f.relativeName(), loaded.text(), slots.get(f),
                        f.sosreport());
                evidence.add(e);
                fileOf.put(e, f);
            }
        }
        evidence = rebuildBundles(fileOf, evidence, diagnostics);
        return analyze(evidence, diagnostics, read, sosreports);
    }

    /**
     * A drophound bundle (packed or unpacked) carries a manifest: its files become the live run's evidence again,
     * with the names, samples and capture times they had on the host. Files the manifest does not list are read
     * as usual.
     */
    private static List<Evidence> rebuildBundles(Map<Evidence, InputFile> fileOf, List<Evidence> evidence,
            List<Diagnostic> diagnostics) {
        Map<Integer, Map<String, Evidence>> byRoot = new LinkedHashMap<>();
        for (Evidence e : evidence) {
            InputFile f = fileOf.get(e);
            if (f != null && !f.isStdin()) {
                byRoot.computeIfAbsent(f.rootIndex(), x -> new LinkedHashMap<>()).put(f.relativeName(), e);
            }
        }
        List<Evidence> out = new ArrayList<>(evidence);
        for (Map<String, Evidence> root : byRoot.values()) {
            Evidence manifest = root.get(BundleManifest.MANIFEST);
            if (manifest == null) {
                continue;
            }
            InputFile mf = fileOf.get(manifest);
            String prefix = mf.displayName().substring(0, mf.displayName().length() - mf.relativeName().length());
            Optional<BundleManifest.Read> read = BundleManifest.read(prefix, manifest.text(),
                    path -> Optional.ofNullable(root.get(path)).map(Evidence::text));
            if (read.isEmpty()) {
                continue;
            }
            for (String used : read.get().used()) {
                out.remove(root.get(used));
            }
            out.addAll(read.get().evidence());
            diagnostics.addAll(read.get().diagnostics());
        }
        return out;
    }

    /** Analyses evidence already read (the live collector's entry point). */
    public Analysis analyze(List<Evidence> evidence, List<Diagnostic> earlier, int filesRead) {
        return analyze(evidence, earlier, filesRead, new SosreportSummary());
    }

    private Analysis analyze(List<Evidence> evidence, List<Diagnostic> earlier, int filesRead,
            SosreportSummary sosreports) {
        List<Diagnostic> diagnostics = new ArrayList<>(earlier);
        Case.Builder builder = Case.builder();
        Map<String, Integer> formats = new TreeMap<>();
        for (Evidence e : evidence) {
            readOne(e, builder, formats, diagnostics, sosreports);
        }
        diagnostics.addAll(sosreports.diagnostics());
        Case c = builder.build();
        CheckRegistry.Outcome outcome = checks.run(c);
        diagnostics.addAll(outcome.failures());
        List<Finding> findings = new ArrayList<>(outcome.findings());
        // problems first, worst first; stable within a severity, so receive-path order is kept
        findings.sort(Comparator.comparing(Finding::severity, Comparator.reverseOrder()));
        Optional<Duration> window = c.window();
        Verdict verdict = VerdictBuilder.build(findings, outcome.applied(), c.hasDeltas(), window);
        if (formats.isEmpty()) {
            verdict = new Verdict("No readable evidence: none of the inputs is an output drophound reads "
                    + "(see `drophound formats`).", Severity.OK, null, verdict.confidence(), List.of(), verdict.notChecked());
        }
        return new Analysis(verdict, findings, diagnostics, filesRead, formats, Math.max(1, distinctSamples(c)),
                window.map(d -> d.toMillis() / 1000.0).orElse(null), outcome.applied());
    }

    /** Samples of the best-sampled counter: settings printed twice (ethtool -g, sysctl) do not make two samples. */
    private static int distinctSamples(Case c) {
        int counters = c.series(k -> true).stream().mapToInt(s -> s.points().size()).max().orElse(0);
        // memory levels are not counters: count the samples of the best-sampled capture of them
        Map<String, java.util.Set<Long>> levels = new HashMap<>();
        for (var o : c.all(dev.drophound.facts.MemoryGauges.class)) {
            levels.computeIfAbsent(o.subject() + '\u0000' + o.fact().kind(), k -> new java.util.HashSet<>()).add(o.sample().order());
        }
        return Math.max(counters, levels.values().stream().mapToInt(java.util.Set::size).max().orElse(0));
    }

    private void readOne(Evidence e, Case.Builder builder, Map<String, Integer> formats, List<Diagnostic> diagnostics,
            SosreportSummary sosreports) {
        List<Block> blocks = sectioner.split(e.source(), e.name(), e.text());
        boolean document = blocks.size() > 1 || blocks.get(0).inDocument();
        Map<String, Integer> occurrences = new HashMap<>();
        Map<String, Integer> totals = countSubjects(blocks);
        Instant dateSeen = null;
        int prose = 0;
        int recognised = 0;
        // beyond MAX_SAMPLES_PER_SUBJECT, only the latest occurrence of a subject is held back, to be kept last
        Map<String, Pending> pending = new LinkedHashMap<>();
        // what was not recognised; in a sosreport, a file where nothing was is only counted (SosreportSummary)
        List<Diagnostic> unrecognised = e.sosreport() == null ? diagnostics : new ArrayList<>();
        for (Block block : blocks) {
            if (block.isEmpty()) {
                continue;
            }
            if (block.command() != null && block.command().matches("date(\\s.*)?")) {
                Optional<Instant> t = block.lines().stream().filter(l -> !l.isBlank()).findFirst().flatMap(DateLine::parse);
                if (t.isPresent()) {
                    dateSeen = t.get();
                    continue;
                }
            }
            Optional<ParserRegistry.Choice> choice = parsers.route(block);
            if (choice.isEmpty()) {
                if (!document) {
                    unrecognised.add(Diagnostic.warning(e.source().name(), firstNonBlankLine(block),
                            "not a format drophound reads (first line: \"" + firstLineText(block)
                                    + "\"); see `drophound formats`"));
                } else if (block.command() != null) {
                    unrecognised.add(Diagnostic.info(e.source().name(), block.firstLine() - 1,
                            "output of `" + block.command() + "` (lines " + block.firstLine() + "-"
                                    + (block.firstLine() + block.size() - 1) + ") is not a format drophound reads"));
                } else {
                    prose += (int) block.lines().stream().filter(l -> !l.isBlank()).count();
                }
                continue;
            }
            Parser parser = choice.get().parser();
            ParseSink sink = new ParseSink(block, parser.id());
            try {
                parser.parse(block, sink);
            } catch (RuntimeException ex) {
                // a parser bug must not end the run; what it read so far is kept
                diagnostics.add(Diagnostic.error(e.source().name(), block.firstLine(),
                        parser.id() + ": parser failed: " + ex));
            }
            diagnostics.addAll(sink.finish());
            prose += sink.proseLines();
            if (sink.facts().isEmpty() && sink.usedCount() == 0) {
                continue;
            }
            recognised++;
            formats.merge(parser.id(), 1, Integer::sum);
            String subject = document ? subjectOf(e, block, parser) : e.slot().subject();
            int k = occurrences.merge(subject, 1, Integer::sum) - 1;
            Sample sample = sampleOf(e, k, totals.getOrDefault(document ? subjectKey(block) : "", 1), dateSeen, document);
            if (k >= MAX_SAMPLES_PER_SUBJECT) {
                pending.put(subject, new Pending(sample, List.copyOf(sink.facts()), block.firstLine()));
                continue;
            }
            for (Fact f : sink.facts()) {
                builder.add(f, sample, subject);
            }
        }
        pending.forEach((subject, last) -> {
            last.facts().forEach(f -> builder.add(f, last.sample(), subject));
            diagnostics.add(Diagnostic.info(e.source().name(), last.line(), "`" + subject + "` appears "
                    + occurrences.get(subject) + " times: kept the first " + MAX_SAMPLES_PER_SUBJECT
                    + " and the last (line " + last.line() + ") as samples"));
        });
        if (recognised == 0 && e.sosreport() != null) {
            sosreports.unread(e.sosreport(), e.name());
            return;
        }
        if (unrecognised != diagnostics) {
            diagnostics.addAll(unrecognised);
        }
        if (document && prose > 0) {
            diagnostics.add(Diagnostic.info(e.source().name(), 0, prose + " line" + (prose == 1 ? "" : "s")
                    + " of prose or unrecognised text around " + recognised + " command output"
                    + (recognised == 1 ? "" : "s") + " not analysed"));
        }
    }

    private record Pending(Sample sample, List<Fact> facts, int line) {
    }

    private static Map<String, Integer> countSubjects(List<Block> blocks) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Block b : blocks) {
            out.merge(subjectKey(b), 1, Integer::sum);
        }
        return out;
    }

    private static String subjectKey(Block b) {
        return b.command() == null ? "" : b.command();
    }

    /** Inside a document, the same command run twice is two samples of one subject. */
    private static String subjectOf(Evidence e, Block block, Parser parser) {
        String what = block.command() != null ? block.command().replaceFirst("^sudo\\s+", "") : parser.id();
        return (e.slot().subject().isEmpty() ? "" : e.slot().subject() + " » ") + what;
    }

    private static Sample sampleOf(Evidence e, int occurrence, int occurrencesInFile, Instant dateSeen, boolean document) {
        SamplePlanner.Slot slot = e.slot();
        String label = occurrencesInFile > 1 ? slot.label() + " #" + (occurrence + 1) : slot.label();
        Instant at = null;
        String basis = null;
        if (document && dateSeen != null) {
            at = dateSeen;
            basis = Sample.DATE_OUTPUT;
        } else if (slot.modified() != null && occurrencesInFile <= 1) {
            at = slot.modified();
            basis = slot.timeBasis();
        }
        return new Sample(slot.order() + occurrence, label, at, slot.offset(), basis);
    }

    /** The line number (in the source) of the block's first non-blank line, for diagnostics. */
    private static int firstNonBlankLine(Block b) {
        int i = b.firstNonBlank();
        return i < 0 ? b.firstLine() : b.lineNumber(i);
    }

    private static String firstLineText(Block b) {
        for (String l : b.raw()) {
            if (!l.isBlank()) {
                String t = l.strip();
                return t.length() > 60 ? t.substring(0, 57) + "..." : t;
            }
        }
        return "";
    }
}
