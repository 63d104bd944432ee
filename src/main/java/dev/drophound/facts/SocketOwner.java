package dev.drophound.facts;

/**
 * A process holding a socket, from the link {@code /proc/PID/fd/FD -> socket:[INODE]}. The inode is the one
 * {@code /proc/net/udp} and friends print, which is how a socket there is tied to its process.
 */
public record SocketOwner(long inode, int pid, int fd, Span span) implements Fact {
}
