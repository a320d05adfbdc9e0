"""The production configuration behind the shipped nginx (deploy/nginx.conf), over TLS.

    python scripts/behind_nginx.py            (or: make behind-nginx; CI runs it)

Makes a self-signed certificate (openssl), renders deploy/nginx.conf for loopback ports and
starts Debian's nginx-light in front of two app servers (gunicorn, 2 sync workers each, one
SQLite database, one Redis of its own), then checks through nginx only:

1. TLS answers with exactly one HSTS header; plain HTTP redirects to HTTPS;
2. static files come from disk (hashed names, a year's immutable caching, HSTS, nosniff);
3. the app sees the client's address, not nginx's nor a spoofed X-Forwarded-For: the login
   lockout's audit row holds it, and the share limit counts per client (a client connecting over
   IPv6 loopback is another client than one over IPv4);
4. slowloris: a few connections sending a header line every 2 s, more of them than the app has
   workers, leave /ping answering (and, for comparison, what the same does to gunicorn directly).

Exit status 0 when every check holds.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import socket
import ssl
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.prodserver import ROOT, app_server, manage, prepared_env  # noqa: E402
from scripts.redis_outage import start_redis  # noqa: E402
from scripts.two_servers import check, form_fields  # noqa: E402

HTTPS_PORT = int(os.environ.get("NGINX_HTTPS_PORT", "8536"))
HTTP_PORT = int(os.environ.get("NGINX_HTTP_PORT", "8537"))
APP_PORTS = (8538, 8539)
REDIS_PORT = int(os.environ.get("NGINX_REDIS_PORT", "8540"))
SLOW_CONNECTIONS = 8  # twice the app's workers (2 servers × 2 sync workers)
SLOW_SECONDS = 12


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def render(folder: Path, cert: Path, key: Path, static_root: Path) -> Path:
    values = {
        "SERVER_NAME": "localhost",
        "HTTPS_PORT": str(HTTPS_PORT),
        "HTTP_PORT": str(HTTP_PORT),
        "TLS_CERT": str(cert),
        "TLS_KEY": str(key),
        "APP_SERVERS": " ".join(f"server 127.0.0.1:{p};" for p in APP_PORTS),
        "STATIC_ROOT": str(static_root),
        "NGINX_RUN": str(folder),
        "MIME_TYPES": "/etc/nginx/mime.types",
    }
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    rendered = string.Template(text).safe_substitute(values)
    missing = [v for v in values if "${" + v + "}" in rendered]
    assert not missing, missing
    conf = folder / "nginx.conf"
    conf.write_text(rendered)
    return conf


@contextlib.contextmanager
def nginx(conf: Path) -> Iterator[None]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    subprocess.run([binary, "-t", "-q", "-c", str(conf), "-p", str(conf.parent)], check=True)
    process = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(conf.parent), "-g", "daemon off;"]
    )
    try:
        for _ in range(50):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", HTTPS_PORT), timeout=1).close()
                break
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


class Client:
    """HTTPS to nginx, verifying its certificate, over IPv4 or IPv6 loopback, with cookies."""

    def __init__(self, cert: Path, host: str = "127.0.0.1") -> None:
        self.context = ssl.create_default_context(cafile=str(cert))
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, http.client.HTTPResponse, str]:
        connection = http.client.HTTPSConnection(
            self.host, HTTPS_PORT, context=self.context, timeout=30
        )
        # The certificate names localhost; connect to the loopback address given.
        connection.sock = self.context.wrap_socket(
            socket.create_connection((self.host, HTTPS_PORT), timeout=30),
            server_hostname="localhost",
        )
        sent = {"Host": f"localhost:{HTTPS_PORT}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent.setdefault("Referer", f"https://localhost:{HTTPS_PORT}{path}")
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, response, text


def share(client: Client, slugs: str, forwarded: str = "") -> int:
    query = f"?products={slugs}&volume=40000"
    _, _, page = client.request("GET", "/compare/share/" + query)
    fields = form_fields(page, "share-form")
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    status, _, _ = client.request("POST", "/compare/share/", fields, headers)
    return status


def slowloris(
    host: str, port: int, count: int, seconds: float, tls: ssl.SSLContext | None
) -> tuple[threading.Event, list[threading.Thread]]:
    """``count`` connections that send a request line and then a header line every 2 s."""
    stop = threading.Event()

    def one() -> None:
        with contextlib.suppress(OSError):
            raw = socket.create_connection((host, port), timeout=5)
            sock = tls.wrap_socket(raw, server_hostname="localhost") if tls else raw
            sock.sendall(b"GET /ping HTTP/1.1\r\nHost: localhost\r\n")
            while not stop.wait(2):
                sock.sendall(b"X-Slow: 1\r\n")
            sock.close()

    threads = [threading.Thread(target=one, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    return stop, threads


def ping_times(url_host: str, port: int, tls: ssl.SSLContext | None, seconds: float) -> list[float]:
    """Seconds each /ping took, one a second; 5.0 for one that did not answer in 5 s."""
    times = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            if tls:
                conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                    url_host, port, context=tls, timeout=5
                )
            else:
                conn = http.client.HTTPConnection(url_host, port, timeout=5)
            conn.request("GET", "/ping", headers={"Host": "localhost"})
            ok = conn.getresponse().read() == b"pong"
            conn.close()
            times.append(time.monotonic() - start if ok else 5.0)
        except OSError:
            times.append(5.0)
        time.sleep(max(0.0, 1 - (time.monotonic() - start)))
    return times


def main() -> int:
    results: list[bool] = []
    folder = Path(tempfile.mkdtemp(prefix="poscompare-nginx-"))
    cert, key = make_certificate(folder)
    extra = {
        "DJANGO_BEHIND_TLS_PROXY": "1",
        "DJANGO_TRUSTED_PROXY_HOPS": "1",
        "DJANGO_SITE_URL": f"https://localhost:{HTTPS_PORT}",
        "DJANGO_SHARE_RATE": "3/h",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://localhost:{HTTPS_PORT}",
    }
    redis = start_redis(REDIS_PORT)
    try:
        with prepared_env(db="sqlite", name="poscompare_behind_nginx") as env:
            # One Redis for both app servers' rate-limit counters.
            env = {**env, **extra, "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0"}
            slugs = (
                manage(
                    env,
                    "shell",
                    "-c",
                    "from catalog.models import Product; print(','.join(Product.objects.active()"
                    ".order_by('slug').values_list('slug', flat=True)[:2]))",
                )
                .strip()
                .splitlines()[-1]
            )
            manage(
                env,
                "shell",
                "-c",
                "from django.contrib.auth.models import User; "
                "User.objects.create_user("
                "'editor', password='behind-nginx-Pw-2026', is_staff=True)",
            )
            conf = render(folder, cert, key, ROOT / "staticfiles")
            with (
                app_server(env, port=APP_PORTS[0]) as a,
                app_server(env, port=APP_PORTS[1]),
                nginx(conf),
            ):
                v4 = Client(cert)
                status, response, page = v4.request("GET", "/en/")
                hsts = response.headers.get_all("Strict-Transport-Security") or []
                results.append(check("the home page over TLS", status == 200, str(status)))
                results.append(
                    check(
                        "exactly one HSTS header, a year or more, with preload",
                        len(hsts) == 1
                        and "preload" in hsts[0]
                        and int(hsts[0].split("max-age=")[1].split(";")[0]) >= 31536000,
                        str(hsts),
                    )
                )
                plain = http.client.HTTPConnection("127.0.0.1", HTTP_PORT, timeout=5)
                plain.request("GET", "/en/", headers={"Host": "localhost"})
                redirect = plain.getresponse()
                results.append(
                    check(
                        "plain HTTP redirects to HTTPS",
                        redirect.status == 301
                        and redirect.headers["Location"].startswith("https://"),
                        f"{redirect.status} {redirect.headers.get('Location')}",
                    )
                )
                css = next(
                    part.split('"')[0]
                    for part in page.split('href="')[1:]
                    if part.startswith("/static/") and ".css" in part.split('"')[0]
                )
                status, response, _ = v4.request("GET", css, headers={"Accept-Encoding": "gzip"})
                results.append(
                    check(
                        f"static file {css} from disk: immutable, HSTS, nosniff",
                        status == 200
                        and "immutable" in response.headers.get("Cache-Control", "")
                        and bool(response.headers.get("Strict-Transport-Security"))
                        and response.headers.get("X-Content-Type-Options") == "nosniff",
                        f"{status} {dict(response.headers)}",
                    )
                )
                results.append(
                    check(
                        "canonical link from DJANGO_SITE_URL",
                        f'rel="canonical" href="https://localhost:{HTTPS_PORT}/en/"' in page,
                    )
                )

                # 3. The client's address.
                login = "/admin/login/?next=/admin/"
                _, _, form = v4.request("GET", login)
                fields = form_fields(form)
                fields.update(username=["editor"], password=["wrong"])
                v4.request("POST", login, fields, {"X-Forwarded-For": "6.6.6.6"})
                audit = (
                    manage(
                        env,
                        "shell",
                        "-c",
                        "from axes.models import AccessAttempt; "
                        "print(list(AccessAttempt.objects.values_list('ip_address', flat=True)))",
                    )
                    .strip()
                    .splitlines()[-1]
                )
                results.append(
                    check(
                        "the lockout's audit row holds the client's address, not a spoofed one",
                        audit == "['127.0.0.1']",
                        audit,
                    )
                )
                statuses = [share(v4, slugs, forwarded=f"10.0.0.{i}") for i in range(4)]
                results.append(
                    check(
                        "the share limit (3/h) counts the client, whatever X-Forwarded-For says",
                        statuses == [303, 303, 303, 429],
                        str(statuses),
                    )
                )
                v6 = Client(cert, host="::1")
                results.append(
                    check(
                        "another client (over IPv6) has its own count",
                        share(v6, slugs) == 303,
                    )
                )

                # 4. Slowloris.
                tls = ssl.create_default_context(cafile=str(cert))
                stop, threads = slowloris(
                    "127.0.0.1", HTTPS_PORT, SLOW_CONNECTIONS, SLOW_SECONDS, tls
                )
                time.sleep(1)
                times = ping_times("localhost", HTTPS_PORT, tls, SLOW_SECONDS - 2)
                stop.set()
                results.append(
                    check(
                        f"through nginx, {SLOW_CONNECTIONS} slowloris connections leave /ping "
                        f"answering (slowest {max(times):.3f} s of {len(times)})",
                        max(times) < 1.0,
                    )
                )
                # For comparison only (not a check): the same against one gunicorn directly.
                stop, _ = slowloris("127.0.0.1", APP_PORTS[0], 4, 8, None)
                time.sleep(1)
                direct = ping_times("127.0.0.1", APP_PORTS[0], None, 6)
                stop.set()
                answered = sum(t < 5.0 for t in direct)
                print(
                    f"     (directly to gunicorn, 4 slow connections: {answered} of {len(direct)} "
                    f"/ping answered within 5 s; slowest {max(direct):.1f} s)"
                )
                del a
                observatory = os.environ.get("OBSERVATORY_DIR")
                if observatory:  # optional: needs `npm install @mdn/mdn-http-observatory`
                    out = subprocess.run(
                        [
                            "node",
                            str(ROOT / "scripts" / "observatory.mjs"),
                            observatory,
                            "localhost",
                            str(HTTPS_PORT),
                            str(HTTP_PORT),
                        ],
                        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
                        capture_output=True,
                        text=True,
                    )
                    print(f"     Mozilla Observatory: {out.stdout.strip() or out.stderr[-800:]}")
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    print("behind nginx:", "all checks hold" if all(results) else "FAILED")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
