#!/usr/bin/env python3
"""Opens a known set of sockets inside the current network namespace, captures /proc/net/* and ss
outputs while they exist, then closes them. Run by run.sh inside a private netns (see there).
Usage: socket_lab.py OUTDIR"""
import os, socket, struct, subprocess, sys, tempfile, time

OUT = sys.argv[1]
log = []
keep = []


def cap(name, cmd):
    r = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(r.stdout)
    log.append(f"{name} <- {cmd} (rc={r.returncode})")


def tcp_pair(listener, family, addr):
    c = socket.socket(family, socket.SOCK_STREAM)
    c.connect(addr)
    a, _ = listener.accept()
    keep.extend([c, a])
    return c, a


# TCP v4 listener; one connection with 3000 unread bytes on the accepted side
l4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
l4.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l4.bind(("127.0.0.1", 47101)); l4.listen(16); keep.append(l4)
c, a = tcp_pair(l4, socket.AF_INET, ("127.0.0.1", 47101))
c.sendall(b"x" * 3000)
# TIME-WAIT on the active closer, CLOSE-WAIT / FIN-WAIT-2 on another pair
c2, a2 = tcp_pair(l4, socket.AF_INET, ("127.0.0.1", 47101))
c2.close(); time.sleep(0.1); a2.close()
c3, a3 = tcp_pair(l4, socket.AF_INET, ("127.0.0.1", 47101))
c3.shutdown(socket.SHUT_WR)

# TCP v6 dual-stack listener: a v4 client shows up as ::ffff:127.0.0.1, a v6 one over ::1
l6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
l6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
l6.bind(("::", 47102)); l6.listen(16); keep.append(l6)
tcp_pair(l6, socket.AF_INET, ("127.0.0.1", 47102))
tcp_pair(l6, socket.AF_INET6, ("::1", 47102))

# UDP v6 on a documentation address, tiny buffer, flooded and never read
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
u6.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
u6.bind(("2001:db8::1:0:0:1", 47103)); keep.append(u6)
f6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
f6.bind(("2001:db8:0:1:1:1:1:1", 47104)); f6.connect(("2001:db8::1:0:0:1", 47103)); keep.append(f6)
for _ in range(50):
    f6.send(b"y" * 200)
# UDP v6 link-local with scope, and a v6 socket connected to a v4-mapped address
ll = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
ll.bind(("fe80::aa:bb:cc:dd", 47105, 0, socket.if_nametoindex("dh0"))); keep.append(ll)
u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u4.bind(("0.0.0.0", 47106)); keep.append(u4)
m6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
m6.bind(("::", 47108)); m6.connect(("::ffff:127.0.0.1", 47106)); keep.append(m6)
m6.send(b"z" * 100)
# UDP v4 bound to a device on a named port (syslog), UDP-Lite
sl = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sl.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo")
sl.bind(("127.0.0.1", 514)); keep.append(sl)
ul = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 136)  # IPPROTO_UDPLITE
ul.bind(("127.0.0.1", 47107)); keep.append(ul)
# raw ICMP v4 and ICMPv6
keep.append(socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
keep.append(socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))
# packet sockets: SOCK_DGRAM for IPv4 bound to dh1, SOCK_RAW ETH_P_ALL unbound
pd = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
pd.bind(("dh1", 0x0800)); keep.append(pd)
keep.append(socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003)))
# unix datagram socket with a path and 3 unread datagrams
tmp = tempfile.mkdtemp(prefix="dhlab-")
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ud.bind(os.path.join(tmp, "sink.sock")); keep.append(ud)
us = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
for _ in range(3):
    us.sendto(b"q" * 64, os.path.join(tmp, "sink.sock"))
keep.append(us)
time.sleep(0.3)

for f in ["tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6", "packet", "sockstat", "sockstat6"]:
    cap(f"proc-net-{f}.txt", f"cat /proc/net/{f}")
cap("ss-tanmpie.txt", "ss -tanmpie")
cap("ss-tnmpiO.txt", "ss -tnmpiO")
cap("ss-tuwanmp.txt", "ss -tuwanmp")
cap("ss-uamp.txt", "ss -uamp")
cap("ss-uanmpeO.txt", "ss -uanmpeO")
cap("ss-0anmp.txt", "ss -0anmp")
cap("ss-xanmp.txt", "ss -xanmp")
cap("ss-tnH.txt", "ss -tnH")
cap("ss-ltn.txt", "ss -ltn")
cap("ss-an.txt", "ss -an")
with open(os.path.join(OUT, "commands.log"), "a") as f:
    f.write("\n".join(log) + "\n")
for s in keep:
    s.close()
os.unlink(os.path.join(tmp, "sink.sock")); os.rmdir(tmp)
