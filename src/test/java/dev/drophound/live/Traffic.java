package dev.drophound.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real traffic on loopback for the live tests: a UDP receiver that never reads, a sender that floods it, and a
 * raw ICMPv6 socket that is never read (a python3 process, since Java has no raw sockets). Everything is closed
 * and every process started here is ended, by its own handle, in {@link #close()}.
 */
final class Traffic implements AutoCloseable {

    private DatagramChannel receiver;
    private DatagramChannel sender;
    private Thread flood;
    private Process python;
    private final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong sent = new AtomicLong();

    /** A UDP socket with the smallest receive buffer, bound and never read. */
    InetSocketAddress deafReceiver(boolean ipv6) throws IOException {
        receiver = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 1); // the kernel raises it to its minimum (2304)
        receiver.bind(new InetSocketAddress(InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"), 0));
        return (InetSocketAddress) receiver.getLocalAddress();
    }

    /** A loopback port nobody listens on (bound, noted, closed). */
    static InetSocketAddress closedPort(boolean ipv6) throws IOException {
        try (DatagramChannel c = DatagramChannel.open(ipv6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
            c.bind(new InetSocketAddress(InetAddress.getByName(ipv6 ? "::1" : "127.0.0.1"), 0));
            return (InetSocketAddress) c.getLocalAddress();
        }
    }

    /** Sends 200-byte datagrams to {@code to} at about {@code perSecond} until closed. */
    void flood(InetSocketAddress to, int perSecond) throws IOException {
        sender = DatagramChannel.open(to.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        byte[] payload = new byte[200];
        long pauseNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond / 10);
        flood = Thread.ofPlatform().daemon().name("udp-flood").start(() -> {
            while (!stop.get()) {
                for (int i = 0; i < 10 && !stop.get(); i++) {
                    try {
                        sender.send(ByteBuffer.wrap(payload), to);
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        // ECONNREFUSED from an earlier ICMP unreachable: keep sending
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(pauseNanos);
            }
        });
    }

    /**
     * A python3 process holding a raw ICMPv6 socket it never reads, sending echo requests to ::1 through it: the
     * kernel hands a copy of each request and reply to every ICMPv6 raw socket, so this one fills and drops.
     *
     * @return the process id
     */
    long deafRawIcmp6(Path dir) throws IOException, InterruptedException {
        Path script = dir.resolve("raw6_sink.py");
        Path ready = dir.resolve("raw6.ready");
        Files.writeString(script, String.join("\n",
                "import socket, struct, sys, time",
                "s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)",
                "open(sys.argv[1], 'w').write('ready')",
                "seq = 0",
                "while True:",
                "    for _ in range(20):",
                "        seq = (seq + 1) & 0xffff",
                "        s.sendto(struct.pack('!BBHHH', 128, 0, 0, 4242, seq) + b'x' * 56, ('::1', 0))",
                "    time.sleep(0.01)",
                ""), StandardCharsets.UTF_8);
        python = new ProcessBuilder("python3", script.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("raw6.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(ready); i++) {
            if (!python.isAlive()) {
                throw new IOException("raw6 sink exited: " + Files.readString(dir.resolve("raw6.log")));
            }
            Thread.sleep(50);
        }
        return python.pid();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop.set(true);
        if (flood != null) {
            flood.join(2000);
        }
        if (python != null) {
            python.destroy();
            if (!python.waitFor(5, TimeUnit.SECONDS)) {
                python.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        if (sender != null) {
            sender.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }
}
