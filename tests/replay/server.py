"""A small HTTPS server on 127.0.0.1 in a thread, with a throwaway self-signed certificate.

HTTPS because msal only accepts an https authority, and because a deployment's private CA is exactly
what `mail.ca_file` is for: the tests exercise that path too. The protocol logic lives in an `app`
(ews_server / graph_server); this module only moves bytes and records what it saw.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parent / "recordings"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    op: str = ""  # SOAP operation or a short route name, filled in by the app


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # When set, sent with Transfer-Encoding: chunked, one chunk per item as the app produces them (EWS
    # GetStreamingEvents keeps the response open and writes one SOAP envelope per notification).
    stream: Iterator[bytes] | None = None


App = Callable[[Request], Response]


def make_cert(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 / localhost that can serve as its own CA bundle."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "csprbot replay")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certfile, keyfile = folder / "replay-cert.pem", folder / "replay-key.pem"
    certfile.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    keyfile.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return certfile, keyfile


class ReplayServer:
    """Serve `app` over HTTPS on 127.0.0.1:<free port>; `requests` lists everything received."""

    def __init__(self, app: App, folder: Path) -> None:
        self.app = app
        self.requests: list[Request] = []
        self.certfile, keyfile = make_cert(folder)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive; exchangelib treats `Connection: close` as busy

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                req = Request(self.command, self.path, dict(self.headers.items()), self.rfile.read(length))
                try:
                    resp = outer.app(req)
                except Exception as exc:  # a replay bug must fail the test, not hang the client
                    resp = Response(500, f"replay error: {exc!r}".encode())
                outer.requests.append(req)
                self.send_response(resp.status)
                for k, v in resp.headers.items():
                    self.send_header(k, v)
                if resp.stream is not None:
                    self._stream(resp.stream)
                    return
                self.send_header("Content-Length", str(len(resp.body)))
                self.end_headers()
                self.wfile.write(resp.body)

            def _stream(self, chunks: Iterator[bytes]) -> None:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                try:
                    for chunk in chunks:
                        if chunk:
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except OSError:  # the client hung up mid-stream
                    self.close_connection = True
                finally:
                    close = getattr(chunks, "close", None)
                    if close is not None:
                        close()

            do_GET = do_POST = do_PATCH = do_DELETE = _serve

            def log_message(self, format: str, *args: object) -> None:
                return None

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(self.certfile, keyfile)
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.base = f"https://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def ops(self) -> list[str]:
        return [r.op for r in self.requests]
