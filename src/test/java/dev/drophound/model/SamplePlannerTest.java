package dev.drophound.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drophound.evidence.InputFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** File names are the ones the fixtures use (testdata/fixtures/*). */
class SamplePlannerTest {

    private static InputFile file(String relative, int root, String rootName, boolean dir) {
        return new InputFile(java.nio.file.Path.of(rootName, relative), rootName + "/" + relative, relative, root,
                rootName, dir, null, 1);
    }

    private static Map<InputFile, SamplePlanner.Slot> plan(List<InputFile> files) {
        return new SamplePlanner().plan(files);
    }

    @Test
    void beforeAndAfterTagsPairFilesOfOneSubject() {
        InputFile before = file("proc-net-snmp.before.txt", 0, "01", true);
        InputFile after = file("proc-net-snmp.after.txt", 0, "01", true);
        InputFile phaseBefore = file("proc-net-softnet_stat.1.before.txt", 0, "05", true);
        InputFile phaseAfter = file("proc-net-softnet_stat.1.after.txt", 0, "05", true);
        Map<InputFile, SamplePlanner.Slot> slots = plan(List.of(before, after, phaseBefore, phaseAfter));
        assertThat(slots.get(before).subject()).isEqualTo("proc-net-snmp").isEqualTo(slots.get(after).subject());
        assertThat(slots.get(before).order()).isLessThan(slots.get(after).order());
        assertThat(slots.get(phaseBefore).subject()).isEqualTo("proc-net-softnet_stat.1");
        assertThat(slots.get(phaseAfter).subject()).isEqualTo("proc-net-softnet_stat.1");
    }

    @Test
    void anUntaggedFileNextToAnAfterFileIsTheFirstSampleAndTheIntervalComesFromTheName() {
        InputFile first = file("ip-s-link.txt", 0, "08", true);
        InputFile later = file("ip-s-link.after-10s.txt", 0, "08", true);
        Map<InputFile, SamplePlanner.Slot> slots = plan(List.of(first, later));
        assertThat(slots.get(first).subject()).isEqualTo("ip-s-link").isEqualTo(slots.get(later).subject());
        assertThat(slots.get(first).order()).isLessThan(slots.get(later).order());
        assertThat(slots.get(later).offset()).isEqualTo(Duration.ofSeconds(10));
        Sample a = new Sample(slots.get(first).order(), "first", null, slots.get(first).offset(), null);
        Sample b = new Sample(slots.get(later).order(), "after-10s", null, slots.get(later).offset(), null);
        assertThat(a.until(b)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void numberedFilesFormASeriesInNumberOrder() {
        List<InputFile> files = new ArrayList<>();
        for (String n : List.of("03", "01", "02")) {
            files.add(file("samples/proc-net-raw6." + n + ".txt", 0, "03", true));
        }
        Map<InputFile, SamplePlanner.Slot> slots = plan(files);
        assertThat(slots.values()).extracting(SamplePlanner.Slot::subject).containsOnly("samples/proc-net-raw6.#");
        assertThat(slots.get(files.get(1)).order()).isLessThan(slots.get(files.get(2)).order());
        assertThat(slots.get(files.get(2)).order()).isLessThan(slots.get(files.get(0)).order());
    }

    @Test
    void twoDirectoriesAreTwoSamplesPairedByRelativePath() {
        InputFile a = file("proc/net/snmp", 0, "before", true);
        InputFile b = file("proc/net/snmp", 1, "after", true);
        Map<InputFile, SamplePlanner.Slot> slots = plan(List.of(b, a));
        assertThat(slots.get(a).subject()).isEqualTo(slots.get(b).subject());
        assertThat(slots.get(a).order()).isLessThan(slots.get(b).order());
    }

    @Test
    void aLoneNumberIsPartOfTheName() {
        InputFile f = file("sysctl-net-core.2.txt", 0, "05", true);
        assertThat(plan(List.of(f)).get(f).subject()).isEqualTo("sysctl-net-core.2");
    }
}
