package dev.drophound.model;

import dev.drophound.facts.Fact;

/** A fact with the sample and subject it belongs to. */
public record Observed<T extends Fact>(T fact, Sample sample, String subject) {
}
