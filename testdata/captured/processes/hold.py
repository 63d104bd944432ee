# Keeps N MiB of touched memory (argv[1]) for 60 s, with a second thread named "dh worker" (a comm with a space).
import ctypes, sys, threading, time

size = int(sys.argv[1]) << 20
buf = bytearray(size)
for i in range(0, size, 4096):
    buf[i] = 1

def worker():
    ctypes.CDLL(None).prctl(15, b"dh worker", 0, 0, 0)  # PR_SET_NAME
    time.sleep(60)

threading.Thread(target=worker, daemon=True).start()
time.sleep(60)
