package dev.drophound.findings;

import java.util.List;

/**
 * The socket a finding is about, as far as the evidence tells. Null fields are unknown.
 *
 * @param protocol  {@code udp}, {@code udp6}, {@code raw6}, {@code packet}, ...
 * @param owners    processes holding it ({@code ss -p}): "command (pid N)"
 */
public record SocketRef(String protocol, String localAddress, String localPort, String remote, Long inode,
        Integer pid, String command, List<String> owners, Long drops, Double dropsPerSecond, Long recvQ,
        Long rcvbuf) {

    public SocketRef {
        owners = owners == null ? List.of() : List.copyOf(owners);
    }
}
