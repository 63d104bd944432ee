package dev.drophound.facts;

/**
 * {@code ethtool -g IF}: RX/TX ring sizes, the driver's pre-set maximum and the current setting. A value is
 * null when the driver prints {@code n/a} or nothing.
 *
 * @param rxMaxSpan     the "Pre-set maximums" RX line, for quoting (null if absent)
 * @param rxCurrentSpan the "Current hardware settings" RX line (null if absent)
 */
public record RingParameters(String iface, Long rxMax, Long rxCurrent, Long txMax, Long txCurrent,
        Span rxMaxSpan, Span rxCurrentSpan, Span span) implements Fact {
}
