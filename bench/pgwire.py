"""A minimal PostgreSQL client (frontend/backend protocol 3.0, simple queries,
trust authentication only), so that PostgreSQL is measured by the same Python
loop as citater's HTTP API without a driver to install. Standard library only.
"""

import socket
import struct


class PgError(Exception):
    pass


class Pg:
    def __init__(self, port: int, user: str, database: str, host: str = "127.0.0.1"):
        self.sock = socket.create_connection((host, port), timeout=600)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rfile = self.sock.makefile("rb")
        params = f"user\0{user}\0database\0{database}\0\0".encode()
        self.sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        while True:
            kind, body = self._message()
            if kind == b"R" and struct.unpack("!i", body[:4])[0] != 0:
                raise PgError("the server asks for a password; start it with trust auth")
            if kind == b"E":
                raise PgError(self._error(body))
            if kind == b"Z":
                return

    def _message(self) -> tuple[bytes, bytes]:
        head = self.rfile.read(5)
        if len(head) < 5:
            raise PgError("the server closed the connection")
        (length,) = struct.unpack("!i", head[1:])
        return head[:1], self.rfile.read(length - 4)

    @staticmethod
    def _error(body: bytes) -> str:
        fields = {f[:1]: f[1:].decode(errors="replace") for f in body.split(b"\0") if f}
        return fields.get(b"M", "error")

    def query(self, sql: str) -> list[list[str | None]]:
        """Every row of every statement in sql, as text."""
        data = sql.encode() + b"\0"
        self.sock.sendall(b"Q" + struct.pack("!i", len(data) + 4) + data)
        rows, error = [], None
        while True:
            kind, body = self._message()
            if kind == b"D":
                (n,) = struct.unpack("!h", body[:2])
                pos, row = 2, []
                for _ in range(n):
                    (size,) = struct.unpack("!i", body[pos:pos + 4])
                    pos += 4
                    if size < 0:
                        row.append(None)
                    else:
                        row.append(body[pos:pos + size].decode())
                        pos += size
                rows.append(row)
            elif kind == b"E":
                error = self._error(body)
            elif kind == b"Z":
                if error:
                    raise PgError(error)
                return rows

    def close(self) -> None:
        try:
            self.sock.sendall(b"X" + struct.pack("!i", 4))
        except OSError:
            pass
        self.sock.close()
