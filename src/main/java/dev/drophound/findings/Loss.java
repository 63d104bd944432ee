package dev.drophound.findings;

/**
 * How many packets a finding says were lost, for the verdict and for automation.
 *
 * @param packets       lost in the window (or since boot when {@code cumulative})
 * @param perSecond     rate, null when the interval is unknown
 * @param windowSeconds the interval between samples, null if unknown or single sample
 * @param cumulative    true when only one sample was given: the count is since boot or the last reset
 * @param counter       the counter it rests on, e.g. {@code Udp RcvbufErrors}
 */
public record Loss(long packets, Double perSecond, Double windowSeconds, boolean cumulative, String counter) {
}
