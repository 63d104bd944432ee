package dev.drophound.facts;

/**
 * A socket table was read ({@code /proc/net/udp}, {@code raw6}, ...), with how many sockets it listed: an empty
 * table says "no such sockets open", which is not the same as "not given".
 *
 * @param dropsColumn whether the table prints the per-socket {@code drops} column
 */
public record SocketTable(String protocol, int sockets, boolean dropsColumn, Span span) implements Fact {
}
