package dev.drophound.parse.ftrace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.Block;
import dev.drophound.evidence.Source;
import dev.drophound.facts.FunctionCalls;
import dev.drophound.parse.ParserRegistry;
import dev.drophound.parse.trace.TracefsTraceParser;
import dev.drophound.testing.TestData;
import dev.drophound.testing.TestData.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtraceFunctionParserTest {

    private static final String SEED = "seeds/003_7648ab4276b3063d.txt";

    private final FtraceFunctionParser parser = new FtraceFunctionParser();

    /** Lines from..to (1-based) of a real file, numbered as there: a seed's code fence without its prompt. */
    private static Block lines(String relative, int from, int to) {
        List<String> part = Block.splitLines(TestData.text(relative)).subList(from - 1, to);
        return new Block(Source.file(relative), from, part, part, relative, null, false);
    }

    private static Block text(String name, String command, String text) {
        return command == null ? Block.ofText(name, text) : Block.ofCommand(name, command, text);
    }

    private static FunctionCalls group(Parsed r, String function, String caller) {
        return r.all(FunctionCalls.class).stream()
                .filter(c -> c.function().equals(function) && java.util.Objects.equals(c.caller(), caller))
                .findFirst().orElseThrow(() -> new AssertionError("no " + function + " <-" + caller + " in " + r.facts()));
    }

    @Test
    void seed_003_before_the_fix_4_allocs_and_2_frees() {
        Parsed allocs = TestData.parseClean(parser, lines(SEED, 189, 204));
        assertThat(allocs.all(FunctionCalls.class)).hasSize(2);
        FunctionCalls fromCreate = group(allocs, "alloc_netdev_mqs", "kni_ioctl_create");
        assertThat(fromCreate.task()).isEqualTo("kni-11436");
        assertThat(fromCreate.command()).isEqualTo("kni");
        assertThat(fromCreate.pid()).isEqualTo(11436);
        assertThat(fromCreate.count()).isEqualTo(2);
        assertThat(fromCreate.first()).isEqualTo(1906.033365);
        assertThat(fromCreate.last()).isEqualTo(1906.220368);
        assertThat(fromCreate.span().firstLine()).isEqualTo(200);
        assertThat(group(allocs, "alloc_netdev_mqs", "alloc_etherdev_mqs").count()).isEqualTo(2);
        assertThat(group(allocs, "alloc_netdev_mqs", "alloc_etherdev_mqs").span().firstLine()).isEqualTo(201);

        Parsed frees = TestData.parseClean(parser, lines(SEED, 211, 223));
        FunctionCalls free = frees.one(FunctionCalls.class);
        assertThat(free.function()).isEqualTo("free_netdev");
        assertThat(free.caller()).isEqualTo("kni_dev_remove");
        assertThat(free.count()).isEqualTo(2);
        assertThat(free.last()).isEqualTo(1990.986674);
        assertThat(free.span().firstLine()).isEqualTo(222);
    }

    @Test
    void seed_003_after_the_fix_4_allocs_and_4_frees() {
        Parsed allocs = TestData.parseClean(parser, lines(SEED, 235, 250));
        assertThat(allocs.all(FunctionCalls.class)).extracting(FunctionCalls::count).containsExactly(2L, 2L);
        assertThat(allocs.all(FunctionCalls.class)).extracting(FunctionCalls::task).containsOnly("kni-13861");
        FunctionCalls frees = TestData.parseClean(parser, lines(SEED, 256, 270)).one(FunctionCalls.class);
        assertThat(frees.count()).isEqualTo(4);
        assertThat(frees.first()).isEqualTo(3000.154817);
        assertThat(frees.last()).isEqualTo(3000.190228);
    }

    @Test
    void kernel_6x_captures() {
        Parsed noHeader = TestData.parseClean(parser,
                TestData.block("fixtures/public/slub-ftrace/ftrace-function-alloc_pages-igb-softirq.txt"));
        FunctionCalls idle = group(noHeader, "__alloc_pages_noprof", "igb_alloc_rx_buffers");
        assertThat(idle.task()).isEqualTo("<idle>-0");
        assertThat(idle.command()).isEqualTo("<idle>");
        assertThat(idle.pid()).isZero();
        assertThat(idle.count()).isEqualTo(2);
        assertThat(idle.span().firstLine()).isEqualTo(3);
        FunctionCalls qemu = group(noHeader, "__alloc_pages_noprof", "___kmalloc_large_node");
        assertThat(qemu.command()).isEqualTo("qemu-system-x86");
        assertThat(qemu.pid()).isEqualTo(15440);

        FunctionCalls udev = TestData.parseClean(parser,
                TestData.block("fixtures/public/slub-ftrace/ftrace-function-header-only-6.x.txt")).one(FunctionCalls.class);
        assertThat(udev.task()).isEqualTo("(udev-worker)-349");
        assertThat(udev.function()).isEqualTo("irte_ga_set_affinity");
        assertThat(udev.first()).isEqualTo(0.619341);
        assertThat(udev.span().firstLine()).isEqualTo(13);

        FunctionCalls fault = TestData.parseClean(parser,
                TestData.block("fixtures/public/slub-ftrace/ftrace-function-tracer-6.x-userfault.txt")).one(FunctionCalls.class);
        assertThat(fault.command()).isEqualTo("userfault2.out");
        assertThat(fault.pid()).isEqualTo(1364258);
        assertThat(fault.caller()).isEqualTo("__handle_mm_fault");
        assertThat(fault.count()).isEqualTo(3);
    }

    @Test
    void without_flags_column_and_with_tgid_column() {
        // edited from the seed's real lines as irq-info off, record-tgid and print-parent off print them (no real sample)
        String text = String.join("\n", Block.splitLines(TestData.text(SEED)).subList(199, 203));
        Parsed noFlags = TestData.parseClean(parser, Block.ofText("trace.txt", text.replace(" ....  ", "  ")));
        assertThat(noFlags.all(FunctionCalls.class)).extracting(FunctionCalls::count).containsExactly(2L, 2L);
        Parsed tgid = TestData.parseClean(parser, Block.ofText("trace.txt", text.replace("kni-11436 ", "kni-11436 (11436) ")));
        assertThat(group(tgid, "alloc_netdev_mqs", "kni_ioctl_create").pid()).isEqualTo(11436);
        Parsed noParent = TestData.parseClean(parser, Block.ofText("trace.txt", text.replaceAll(" <-\\w+", "")));
        assertThat(noParent.one(FunctionCalls.class).caller()).isNull();
        assertThat(noParent.one(FunctionCalls.class).count()).isEqualTo(4);
    }

    @Test
    void empty_gives_nothing() {
        Parsed r = TestData.parse(parser, Block.ofText("trace.txt", ""));
        assertThat(r.facts()).isEmpty();
        assertThat(r.diagnostics()).isEmpty();
    }

    @Test
    void cut_line_is_malformed_and_the_others_kept() {
        Block real = lines(SEED, 189, 204);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 12, real.line(12).substring(0, 45)));
        assertThat(group(r, "alloc_netdev_mqs", "kni_ioctl_create").count()).isEqualTo(2);
        assertThat(group(r, "alloc_netdev_mqs", "alloc_etherdev_mqs").count()).isEqualTo(1);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(201);
            assertThat(d.message()).contains("not a whole function call line");
        });
    }

    @Test
    void lost_calls_make_the_counts_lower_bounds() {
        Block real = lines(SEED, 189, 204);
        Parsed r = TestData.parse(parser, TestData.withLine(real, 2, real.line(2).replace("4/4", "4/9")));
        assertThat(r.all(FunctionCalls.class)).hasSize(2);
        assertThat(r.warnings()).singleElement().satisfies(d -> {
            assertThat(d.line()).isEqualTo(191);
            assertThat(d.message()).contains("lost 5 calls");
        });
    }

    @Test
    void function_graph_is_left_unread() {
        for (String graph : List.of("fixtures/public/slub-ftrace/ftrace-function_graph-3.x-SyS_recvfrom-tcp.txt",
                "fixtures/public/slub-ftrace/ftrace-function_graph-6.x-synchronize_rcu.txt")) {
            assertThat(parser.contentScore(TestData.block(graph))).as(graph).isZero();
            assertThat(parser.nameScore(graph)).as(graph).isZero();
        }
    }

    @Test
    void function_traces_and_kfree_skb_traces_go_each_to_their_parser() {
        TracefsTraceParser tracefs = new TracefsTraceParser();
        ParserRegistry registry = ParserRegistry.standard();
        List<String> function = List.of("fixtures/public/slub-ftrace/ftrace-function-alloc_pages-igb-softirq.txt",
                "fixtures/public/slub-ftrace/ftrace-function-header-only-6.x.txt",
                "fixtures/public/slub-ftrace/ftrace-function-tracer-6.x-userfault.txt");
        List<String> events = List.of("captured/trace/trace-kfree_skb-consume_skb.txt",
                "captured/trace/trace_pipe-kfree_skb.no-overwrite.txt",
                "fixtures/08-healthy-baseline/trace-kfree_skb.idle-10s.txt");
        for (String command : java.util.Arrays.asList(null, "cat /sys/kernel/tracing/trace",
                "cat /sys/kernel/debug/tracing/trace_pipe")) {
            for (String f : function) {
                Block b = text("trace", command, TestData.text(f));
                assertThat(tracefs.contentScore(b)).as(f).isZero();
                assertThat(registry.route(b).orElseThrow().parser().id()).as(f + " " + command).isEqualTo("ftrace-function");
            }
            for (String f : events) {
                Block b = text("trace", command, TestData.text(f));
                assertThat(parser.contentScore(b)).as(f).isZero();
                assertThat(registry.route(b).orElseThrow().parser().id()).as(f + " " + command).isEqualTo("tracefs-trace");
            }
        }
        Block seed = text("trace", "cat ./trace", String.join("\n", Block.splitLines(TestData.text(SEED)).subList(210, 223)));
        assertThat(registry.route(seed).orElseThrow().parser().id()).isEqualTo("ftrace-function");
        // the seed's fences as they come, with the prompt the sectioner does not know (" Develop>cat ./trace")
        for (int[] fence : new int[][] {{188, 205}, {209, 224}, {232, 251}, {255, 271}}) {
            Block b = lines(SEED, fence[0], fence[1]);
            assertThat(registry.route(b).orElseThrow().parser().id()).as("lines %s", fence[0]).isEqualTo("ftrace-function");
            assertThat(TestData.parse(parser, b).all(FunctionCalls.class)).isNotEmpty();
        }
    }

    @Test
    void scores() {
        assertThat(parser.contentScore(lines(SEED, 189, 204))).isGreaterThanOrEqualTo(90);
        assertThat(parser.contentScore(TestData.block("fixtures/public/slub-ftrace/ftrace-function-alloc_pages-igb-softirq.txt")))
                .isGreaterThanOrEqualTo(90);
        for (String other : List.of("fixtures/08-healthy-baseline/tracefs-set_ftrace_filter-write.txt",
                "fixtures/08-healthy-baseline/tracefs-available_tracers.txt",
                "fixtures/10-oom-global-user-process/dmesg-oom.txt",
                "fixtures/public/drop-trace/perf-script-kfree_skb-6.x-fq-flow-limit-rx_sk.txt")) {
            assertThat(parser.contentScore(TestData.block(other))).as(other).isZero();
        }
        assertThat(parser.nameScore("ftrace-function-tracer-6.x-userfault.txt")).isGreaterThanOrEqualTo(80);
        assertThat(parser.nameScore("cat /sys/kernel/tracing/trace")).isEqualTo(50);
        assertThat(parser.nameScore("tracefs-set_ftrace_filter-write.txt")).isZero();
        assertThat(parser.nameScore("trace-kfree_skb.idle-10s.txt")).isZero();
        assertThat(parser.startsOutput("# tracer: function")).isTrue();
        assertThat(parser.startsOutput("# tracer: function_graph")).isFalse();
        assertThat(parser.startsOutput("# tracer: nop")).isFalse();
    }
}
