package dev.drophound.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drophound doctor}: the live diagnosis of this host. Until the live collector exists it says so and
 * shows how to get the same analysis from captured outputs.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Diagnose this host live: sample its counters, trace drops, report (coming next).")
public final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("drophound doctor: the live diagnosis is not built yet (it is the next step).");
        err.println("Meanwhile, capture two samples and analyse them:");
        err.println("  mkdir before after");
        err.println("  for d in before after; do");
        err.println("    cat /proc/net/snmp > $d/proc-net-snmp.txt; cat /proc/net/snmp6 > $d/proc-net-snmp6.txt");
        err.println("    cat /proc/net/softnet_stat > $d/proc-net-softnet_stat.txt; ip -s -s link > $d/ip-s-s-link.txt");
        err.println("    cat /proc/net/udp > $d/proc-net-udp.txt; cat /proc/net/udp6 > $d/proc-net-udp6.txt");
        err.println("    ss -uamp > $d/ss-uamp.txt; if [ $d = before ]; then sleep 10; fi");
        err.println("  done");
        err.println("  ./drophound analyze before/ after/");
        err.flush();
        return ExitCode.NO_EVIDENCE;
    }
}
