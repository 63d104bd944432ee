package dev.drophound.facts;

import java.util.Objects;

/**
 * A StarOS log line about the KNI pools or the GTP-C paths (seed 000): the evlogd/syslog copy
 * ({@code 2023-Nov-16+09:18:03.205 [iftask 214701 error] [1/0/9602 <evlogd:0> evlgd_syslogd.c:236] [software internal
 * system syslog] CPU[3/0]: Nov 16 14:18:03 iftask[7387]: KNI: Out of memory, kni port cpbond0, socket_id=0,
 * total=-130952296, iter=27}), the backup-pool variant ({@code Out of memory from Backup pool, kni port ...}), the
 * debug-shell iftask log ({@code Wed Nov 15 17:20:30 2023 PID:7387 KNI: Out of memory, ...}) and egtpmgr's
 * {@code GTP-C path failure for peer <Y.Y.Y.Y>}.
 *
 * @param time    the line's own timestamp (the evlogd one when there are two), null if none
 * @param localTime the inner timestamp of a relayed syslog line ({@code Nov 16 14:18:03} after {@code CPU[3/0]:}),
 *                else null: it is the card's clock, which may be another time zone
 * @param card    the card the line comes from ({@code 3/0} from {@code CPU[3/0]}, {@code 6/0} from {@code [6/0/12364 ...]}),
 *                else null
 * @param process {@code iftask}, {@code egtpmgr}, ...
 * @param pid     the process id printed ({@code iftask[7387]}, {@code PID:7387}), else null
 * @param port    KNI port ({@code cpbond0}), else null
 * @param socket  {@code socket_id=}, else null
 * @param total   {@code total=} exactly as printed: a signed 32-bit counter that wraps negative; null if absent
 * @param iter    {@code iter=}, else null
 * @param peer    GTP-C peer as printed ({@code <Y.Y.Y.Y>} without brackets), else null
 * @param context GTP-C context and service ({@code mme_ctx / mme_svc_egtp}), else null
 */
public record StarosEvent(Kind kind, LogTime time, LogTime localTime, String card, String process, Integer pid,
        String port, Integer socket, Long total, Integer iter, String peer, String context, String text, Span span)
        implements Fact {

    public StarosEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(span, "span");
    }

    public enum Kind {
        /** {@code KNI: Out of memory, kni port cpbond0, socket_id=0, total=..., iter=...}. */
        KNI_OOM,
        /** {@code Out of memory from Backup pool, kni port ..., socket_id=..., total=..., iter=...}. */
        KNI_OOM_BACKUP,
        /** {@code GTP-C path failure for peer <...>}. */
        GTPC_PATH_FAILURE
    }
}
