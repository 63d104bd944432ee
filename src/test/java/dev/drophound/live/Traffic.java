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
 * raw ICMPv6 socket and an AF_PACKET socket that are never read (python3 processes, since Java has no raw sockets). Everything is closed
 * and every process started here is ended, by its own handle, in {@link #close()}.
 */
final class Traffic implements AutoCloseable {

    private DatagramChannel receiver;
    private DatagramChannel sender;
    private Thread flood;
    private final java.util.List<Process> pythons = new java.util.ArrayList<>();
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
        return python(dir, "raw6", String.join("\n",
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
                ""));
    }

    /**
     * A python3 process holding an AF_PACKET socket on lo (as a capture or LLDP daemon would) that it never
     * reads: it gets a copy of every frame on lo, so any loopback traffic fills and overflows it.
     *
     * @return the process id
     */
    long deafPacketSocketOnLo(Path dir) throws IOException, InterruptedException {
        return python(dir, "packet", String.join("\n",
                "import socket, sys, time",
                "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))",
                "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)",
                "s.bind(('lo', 0))",
                "open(sys.argv[1], 'w').write('ready')",
                "time.sleep(120)",
                ""));
    }

    private long python(Path dir, String name, String code) throws IOException, InterruptedException {
        Path script = dir.resolve(name + "_sink.py");
        Path ready = dir.resolve(name + ".ready");
        Files.writeString(script, code, StandardCharsets.UTF_8);
        Process python = new ProcessBuilder("python3", script.toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
        pythons.add(python);
        for (int i = 0; i < 100 && !Files.exists(ready); i++) {
            if (!python.isAlive()) {
                throw new IOException(name + " sink exited: " + Files.readString(dir.resolve(name + ".log")));
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
        for (Process python : pythons) {
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
