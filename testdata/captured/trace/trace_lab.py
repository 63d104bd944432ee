#!/usr/bin/env python3
"""Traffic for the trace captures (run inside a private netns with lo up): a UDP socket with SO_RCVBUF=1
that never reads, flooded (SOCKET_RCVBUFF drops), datagrams to a closed port (NO_SOCKET), and one TCP
connection that transfers data and closes normally (consume_skb, not drops)."""
import socket
import sys
import time

flood = int(sys.argv[1]) if len(sys.argv) > 1 else 300

rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1)
rx.bind(("127.0.0.1", 47101))
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for _ in range(flood):
    tx.sendto(b"x" * 200, ("127.0.0.1", 47101))
for _ in range(flood // 3):
    tx.sendto(b"y" * 100, ("127.0.0.1", 47199))  # nobody listens

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 47102))
srv.listen(1)
cli = socket.create_connection(("127.0.0.1", 47102))
conn, _ = srv.accept()
cli.sendall(b"z" * 10000)
got = 0
while got < 10000:
    got += len(conn.recv(65536))
cli.close()
conn.close()
srv.close()
time.sleep(0.2)
rx.close()
print(f"sent {flood} datagrams to 127.0.0.1:47101 (SO_RCVBUF=1, never read), {flood // 3} to closed port 47199, "
      f"10000 bytes over TCP 127.0.0.1:47102")
