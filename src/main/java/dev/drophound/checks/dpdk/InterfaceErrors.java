package dev.drophound.checks.dpdk;

import dev.drophound.checks.Check;
import dev.drophound.checks.CheckResult;
import dev.drophound.facts.OvsRecord;
import dev.drophound.findings.Confidence;
import dev.drophound.findings.Finding;
import dev.drophound.findings.Severity;
import dev.drophound.findings.Stage;
import dev.drophound.model.Case;
import java.util.ArrayList;
import java.util.List;

/**
 * OVS interfaces whose OVSDB row carries an {@code error} ({@code ovs-vsctl list Interface}, {@code ovs-vsctl show}):
 * a port that is configured but does not work ("Error attaching device ... to DPDK", "missing
 * 'options:dpdk-devargs'", "could not add network device ... to ofproto"). OVS says why only there and in its log.
 */
public final class InterfaceErrors implements Check {

    public static final String ID = "ovs.interface-error";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "OVS interfaces in error";
    }

    @Override
    public Stage stage() {
        return Stage.DPDK;
    }

    @Override
    public CheckResult run(Case c) {
        OvsState state = OvsState.of(c);
        if (state.interfaces.isEmpty()) {
            return CheckResult.missing("ovs-vsctl list Interface or ovs-vsctl show");
        }
        List<Finding> out = new ArrayList<>();
        for (OvsRecord r : state.interfaces.values()) {
            String error = r.scalar("error").orElse(null);
            if (error == null) {
                continue;
            }
            String name = r.name().orElse("?");
            boolean memory = error.contains("could not add network device") && !r.scalar("mtu_request").orElse("")
                    .isEmpty();
            out.add(Finding.builder(ID, Stage.DPDK, "Interface " + name + " is in error")
                    .severity(Severity.WARNING)
                    .summary("Interface " + name + r.scalar("type").map(t -> " (" + t + ")").orElse("")
                            + " is configured but not working: OVS reports \"" + error + "\"."
                            + (memory ? " With an MTU request on a DPDK port this is usually a memory pool OVS could "
                                    + "not create (its log says \"Failed to create memory pool for netdev " + name
                                    + "\")." : ""))
                    .evidence(OvsState.excerpt(r, "name", "type", "error", "options", "mtu_request"))
                    .confidence(Confidence.HIGH, "OVS's own error column")
                    .next("grep '" + name + "' /var/log/openvswitch/ovs-vswitchd.log")
                    .build());
        }
        if (out.isEmpty()) {
            out.add(Finding.builder(ID, Stage.DPDK, "No interface in error")
                    .severity(Severity.OK)
                    .summary("No OVS interface reports an error (" + state.interfaces.size() + " read).")
                    .confidence(Confidence.HIGH, "OVS's own error column").build());
        }
        return CheckResult.of(out);
    }
}
