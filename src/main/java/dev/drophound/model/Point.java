package dev.drophound.model;

import dev.drophound.facts.Span;

/** One value of a counter in one sample, with the line it was read from. */
public record Point(Sample sample, long value, Span span) {
}
