#!/usr/bin/env python3
"""ioarena reference server: the classic Python asyncore/asynchat reactor, implementing PROTOCOL.md version 1.

This is the single-threaded select() reactor the project descends from, kept as an optional reference row of the
benchmark matrix. It takes the PROTOCOL.md section 8 flags, prints the IOARENA-READY line once listening, serves
echo (raw, line, length) and chat (line, length), and shuts down gracefully on SIGTERM or SIGINT.

asyncore and asynchat were removed in Python 3.12; on a newer Python this script exits 1 and says so (the harness
checks first and skips the row with a clear message).

    python3 scripts/asyncore_server.py --service chat --framing line --port 0
"""
import argparse
import json
import os
import signal
import socket
import struct
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
try:
    import asynchat
    import asyncore
except ImportError:
    sys.stderr.write("asyncore_server: this Python (%s) has no asyncore/asynchat (removed in Python 3.12); "
                     "run it with Python 3.11 or older\n" % sys.version.split()[0])
    sys.exit(1)

NAME_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")
MAX_NAME = 32


def is_name(b):
    return 1 <= len(b) <= MAX_NAME and all(c in NAME_CHARS for c in b)


class Counters:
    """Open connections (limited by --max-connections) and slow consumers closed since start."""

    def __init__(self, max_connections):
        self.max_connections = max_connections
        self.open = 0
        self.slow_consumers = 0


class Connection(asynchat.async_chat):
    """One session. asynchat does the framing: a b'\\n' terminator for line, integer terminators for length
    (4 header bytes, then the payload), none for raw. Reading pauses above the high-water mark of pending outbound
    bytes and resumes at half of it (PROTOCOL.md 3)."""

    def __init__(self, sock, server):
        asynchat.async_chat.__init__(self, sock)
        self.server = server
        self.cfg = server.cfg
        self.pending = 0          # bytes pushed and not yet written to the socket
        self.paused = False
        self.finishing = False    # no more input: answer what came, send what is pending, then close
        self.counted = False
        self.frame = []           # parts of the frame being collected
        self.frame_len = 0
        self.nick = b"*"
        self.rooms = set()
        framing = self.cfg.framing
        self.set_terminator(b"\n" if framing == "line" else 4 if framing == "length" else None)
        self.in_header = framing == "length"

    # -- output and back-pressure --------------------------------------------------------------------------------

    def push(self, data):
        # asynchat's own push queues every frame as its own item and writes one item per loop turn, so a member
        # of a busy room falls behind by design; coalescing frames into buffers of up to ac_out_buffer_size bytes
        # lets one send() carry many frames, as a hand-written reactor would.
        self.pending += len(data)
        if self.pending > self.cfg.high_water:
            self.paused = True
        fifo = self.producer_fifo
        if fifo and type(fifo[-1]) is bytearray and len(fifo[-1]) + len(data) <= self.ac_out_buffer_size:
            fifo[-1] += data
        else:
            fifo.append(bytearray(data))
        self.initiate_send()

    def handle_write(self):
        # write until the socket is full, not one buffer per loop turn
        while self.producer_fifo and self.connected:
            before = self.pending
            self.initiate_send()
            if self.pending == before:
                break

    def send(self, data):
        sent = asynchat.async_chat.send(self, data)
        self.pending -= sent
        if self.paused and self.pending <= self.cfg.high_water // 2:
            self.paused = False
        return sent

    def readable(self):
        return not self.paused and not self.finishing and not self.server.stopping

    def frame_bytes(self, payload):
        if self.cfg.framing == "length":
            return struct.pack(">I", len(payload)) + payload
        return payload + b"\n"

    def error_and_close(self, code):
        self.push(self.frame_bytes(b"ERR " + code))
        self.finish()

    def finish(self):
        """Stop reading; close once everything pending is written (asynchat's close_when_done)."""
        if not self.finishing:
            self.finishing = True
            self.leave_all()
            self.close_when_done()

    # -- input ---------------------------------------------------------------------------------------------------

    def recv(self, size):
        # asyncore treats a FIN and a reset alike; PROTOCOL.md 6 does not: a FIN is answered, a reset is dropped.
        try:
            data = self.socket.recv(size)
        except (BlockingIOError, InterruptedError):
            return b""
        except OSError:
            self.abort()
            return b""
        if not data:
            self.frame, self.frame_len = [], 0   # an incomplete frame at the FIN is discarded
            self.finish()
        return data

    def collect_incoming_data(self, data):
        if self.finishing:
            return
        if self.cfg.framing == "raw":
            self.push(data)
            return
        self.frame_len += len(data)
        if self.cfg.framing == "line" and self.frame_len > self.cfg.max_frame:
            self.error_and_close(b"FRAME_TOO_LARGE")
            return
        self.frame.append(data)

    def found_terminator(self):
        if self.finishing:
            return
        payload = b"".join(self.frame)
        self.frame, self.frame_len = [], 0
        if self.in_header:
            size = struct.unpack(">I", payload)[0]
            if size > self.cfg.max_frame:
                self.error_and_close(b"FRAME_TOO_LARGE")
                return
            if size > 0:
                self.in_header = False
                self.set_terminator(size)
                return
            self.set_terminator(4)   # asynchat leaves 0 after an integer terminator; an empty payload is complete
            payload = b""
        elif self.cfg.framing == "length":
            self.in_header = True
            self.set_terminator(4)
        self.handle_frame(payload)

    def handle_frame(self, payload):
        if self.cfg.service == "echo":
            self.push(self.frame_bytes(payload))
        else:
            self.chat(payload)

    # -- chat (PROTOCOL.md 4; the same answers as io.ioarena.protocol.chat.ChatSession) -------------------------

    def chat(self, p):
        try:
            p.decode("utf-8")
        except UnicodeDecodeError:
            return self.reply(b"ERR INVALID_UTF8")
        word, space, args = p.partition(b" ")
        if word == b"PING":
            return self.reply(b"PONG" + p[4:])
        if word == b"MSG":
            room, space2, text = args.partition(b" ")
            if not space or not space2 or not is_name(room):
                return self.reply(b"ERR MALFORMED")
            if room not in self.rooms:
                return self.reply(b"ERR NOT_IN_ROOM")
            return self.server.deliver(room, self.frame_bytes(b"MSG " + room + b" " + self.nick + b" " + text))
        if word in (b"NICK", b"JOIN", b"LEAVE"):
            if not space or not is_name(args):
                return self.reply(b"ERR MALFORMED")
            if word == b"NICK":
                self.nick = args
            elif word == b"JOIN":
                if args not in self.rooms:
                    if len(self.rooms) >= self.cfg.max_rooms:
                        return self.reply(b"ERR TOO_MANY_ROOMS")
                    self.rooms.add(args)
                    self.server.rooms.setdefault(args, set()).add(self)
            elif args in self.rooms:
                self.leave(args)
            else:
                return self.reply(b"ERR NOT_IN_ROOM")
            return self.reply(b"OK " + word + b" " + args)
        if word in (b"QUIT", b"STATS"):
            if space:
                return self.reply(b"ERR MALFORMED")
            if word == b"QUIT":
                self.reply(b"OK QUIT")
                return self.finish()
            c = self.server.counters
            return self.reply(b"OK STATS connections=%d slow_consumers=%d" % (c.open, c.slow_consumers))
        return self.reply(b"ERR UNKNOWN_COMMAND")

    def reply(self, payload):
        self.push(self.frame_bytes(payload))

    def leave(self, room):
        self.rooms.discard(room)
        members = self.server.rooms.get(room)
        if members is not None:
            members.discard(self)
            if not members:
                del self.server.rooms[room]

    def leave_all(self):
        for room in list(self.rooms):
            self.leave(room)

    # -- closing -------------------------------------------------------------------------------------------------

    def abort(self):
        """A reset, or a slow consumer: dropped at once with everything pending."""
        self.leave_all()
        self.discard_buffers()
        self.close()

    def close(self):
        self.leave_all()
        if self.counted:
            self.counted = False
            self.server.counters.open -= 1
        self.server.connections.discard(self)
        asynchat.async_chat.close(self)

    def handle_close(self):
        self.close()

    def handle_error(self):
        self.abort()


class Server(asyncore.dispatcher):
    def __init__(self, cfg):
        asyncore.dispatcher.__init__(self)
        self.cfg = cfg
        self.counters = Counters(cfg.max_connections)
        self.connections = set()
        self.rooms = {}
        self.stopping = False
        self.create_socket(socket.AF_INET6 if ":" in cfg.host else socket.AF_INET, socket.SOCK_STREAM)
        self.set_reuse_addr()
        self.bind((cfg.host, cfg.port))
        self.listen(1024)

    def handle_accepted(self, sock, addr):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        conn = Connection(sock, self)
        self.connections.add(conn)
        if self.counters.open >= self.counters.max_connections:
            conn.error_and_close(b"SERVER_FULL")
            return
        conn.counted = True
        self.counters.open += 1

    def deliver(self, room, frame):
        for member in list(self.rooms.get(room, ())):
            if member.pending + len(frame) > self.cfg.max_outbound:
                self.counters.slow_consumers += 1   # closed without an error frame: it is not reading
                member.abort()
            else:
                member.push(frame)

    def handle_error(self):
        # an accept that failed (the peer reset first, or out of descriptors) must not stop the server
        pass

    def shutdown(self):
        """PROTOCOL.md 6: stop accepting and reading, send what is pending for at most the grace, close with FIN."""
        self.stopping = True
        self.close()
        deadline = time.monotonic() + self.cfg.shutdown_grace / 1000.0
        while any(c.pending > 0 for c in list(self.connections)) and time.monotonic() < deadline:
            asyncore.loop(timeout=0.05, use_poll=True, count=1)
        for c in list(self.connections):
            try:
                c.socket.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            c.close()


def parse_args(argv):
    class Parser(argparse.ArgumentParser):
        def error(self, message):
            sys.stderr.write("asyncore_server: %s\n" % message)
            sys.exit(2)

    p = Parser(description="ioarena reference server on asyncore/asynchat (PROTOCOL.md v1)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--service", default="echo", choices=["echo", "chat"])
    p.add_argument("--framing", default="line", choices=["raw", "line", "length"])
    p.add_argument("--event-loops", type=int, default=os.cpu_count() or 1)
    p.add_argument("--max-frame", type=int, default=65536)
    p.add_argument("--max-connections", type=int, default=10000)
    p.add_argument("--max-rooms", type=int, default=16)
    p.add_argument("--high-water", type=int, default=65536)
    p.add_argument("--max-outbound", type=int, default=1048576)
    p.add_argument("--shutdown-grace", type=int, default=5000)
    p.add_argument("--transport")
    p.add_argument("--threads")
    p.add_argument("--impl")
    cfg = p.parse_args(argv)
    for flag in ("transport", "threads"):
        if getattr(cfg, flag) is not None:
            p.error("--%s is not supported by the asyncore server" % flag)
    if cfg.impl not in (None, "asyncore"):
        p.error("--impl %s is not this server (asyncore)" % cfg.impl)
    checks = [(0 <= cfg.port <= 65535, "--port must be 0 to 65535"), (cfg.event_loops >= 1, "--event-loops must be at least 1"),
              (cfg.max_frame >= 1, "--max-frame must be at least 1"),
              (cfg.max_connections >= 1, "--max-connections must be at least 1"),
              (cfg.max_rooms >= 1, "--max-rooms must be at least 1"), (cfg.high_water >= 2, "--high-water must be at least 2"),
              (cfg.max_outbound >= cfg.high_water, "--max-outbound must be at least --high-water"),
              (cfg.shutdown_grace >= 0, "--shutdown-grace must not be negative"),
              (not (cfg.service == "chat" and cfg.framing == "raw"), "--framing raw does not go with --service chat")]
    for ok, message in checks:
        if not ok:
            p.error(message)
    return cfg


def main(argv):
    cfg = parse_args(argv)
    try:
        server = Server(cfg)
    except OSError as e:
        sys.stderr.write("asyncore_server: cannot listen on %s:%d: %s\n" % (cfg.host, cfg.port, e))
        return 1
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    port = server.socket.getsockname()[1]
    ready = {"protocol": 1, "impl": "asyncore", "variant": "asyncore", "host": cfg.host, "port": port,
             "pid": os.getpid(), "service": cfg.service, "framing": cfg.framing, "eventLoops": 1,
             "settings": {"maxFrame": cfg.max_frame, "maxConnections": cfg.max_connections, "maxRooms": cfg.max_rooms,
                          "highWater": cfg.high_water, "maxOutbound": cfg.max_outbound,
                          "shutdownGraceMillis": cfg.shutdown_grace, "eventLoopsRequested": cfg.event_loops,
                          "reactor": "asyncore poll()", "python.version": sys.version.split()[0]}}
    print("IOARENA-READY " + json.dumps(ready, separators=(",", ":")), flush=True)
    while not stop:
        asyncore.loop(timeout=0.2, use_poll=True, count=1)   # poll: select() stops at 1024 descriptors
    server.shutdown()
    try:
        print("# stopped gracefully; slow consumers closed: %d" % server.counters.slow_consumers, flush=True)
    except OSError:
        # whoever started us may have stopped reading our output; that must not turn a clean stop into status 1
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
