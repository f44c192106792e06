"""The production stack over real HTTP: gunicorn with config/gunicorn.py and
production settings, WhiteNoise serving a collected STATIC_ROOT, the test
PostgreSQL database holding the demo content, and a page cache shared by two
workers (a file cache standing in for Redis).

The test's data must be committed for gunicorn's workers to see it, so these
tests are transactional; gunicorn is stopped before the database is emptied.
"""

import http.client
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "localhost"
START_SECONDS = 30
STOP_SECONDS = 15

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{credentials}{db['HOST']}:{db['PORT']}/{db['NAME']}"


def production_env(static_root: Path, tmp_path: Path, port: int) -> dict:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE has no place in production.
    ignored = {"DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL", "STATIC_ROOT"}
    return {
        **{k: v for k, v in os.environ.items() if k not in ignored},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "stack-test-" + "s" * 60,
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(),
        # Close connections after each request: nothing idles in the way of
        # emptying the database after the test.
        "DATABASE_CONN_MAX_AGE": "0",
        "STATIC_ROOT": str(static_root),
        "CACHE_URL": f"filecache://{tmp_path / 'cache'}",
        "PAGE_CACHE_SECONDS": "300",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_TIMEOUT": "20",
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    if not (ROOT / "static_build" / "css").is_dir():
        pytest.fail("No compiled front end in static_build/: run `make assets`.")
    root = tmp_path_factory.mktemp("staticfiles")
    env = production_env(root, root, 0)
    env["DATABASE_URL"] = "postgres://unused@127.0.0.1:1/unused"
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def restore_wagtail_roots():
    """A transactional test ends by emptying every table, rows that Wagtail's
    migrations made included; put back the ones the demo content needs."""
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


class Server:
    def __init__(self, port: int, static_root: Path):
        self.port = port
        self.static_root = static_root

    def request(self, path, *, https=True, method="GET", headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            sent = {"Host": HOST, **(headers or {})}
            if https:
                # What the load balancer that terminates TLS adds.
                sent["X-Forwarded-Proto"] = "https"
            conn.request(method, path, headers=sent)
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()


@pytest.fixture
def server(transactional_db, static_root, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("The production stack runs on PostgreSQL: set DATABASE_URL.")
    restore_wagtail_roots()
    call_command("load_demo_content", stdout=io.StringIO())
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [GUNICORN, "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=ROOT,
            env=production_env(static_root, tmp_path, port),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(process, Server(port, static_root), log)
        yield Server(port, static_root)
    finally:
        stop(process)


def wait_until_up(process, server, log):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()}")
        try:
            if server.request("/health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer within {START_SECONDS}s:\n{log.read_text()}")


def stop(process):
    """SIGTERM to the master (it stops its workers); SIGKILL to the whole
    process group if that takes too long."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


# Each test starts gunicorn on freshly loaded demo content (about ten
# seconds), so the checks are grouped into two tests.


def test_security_headers_https_static_files_admin_and_health(server):
    status, headers, page = server.request("/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    if "csp" in settings.INSTALLED_APPS:
        assert "default-src 'self'" in headers["Content-Security-Policy"]

    # Plain HTTP is sent to HTTPS, except the load balancer's health check.
    status, headers, _ = server.request("/", https=False)
    assert (status, headers["Location"]) == (301, f"https://{HOST}/")
    for https in (True, False):
        status, headers, body = server.request("/health/", https=https)
        assert status == 200
        assert json.loads(body) == {"status": "ok", "database": "ok"}
        assert headers["Cache-Control"] == "no-store"
        assert "Set-Cookie" not in headers

    # WhiteNoise serves hashed, compressed files for ever.
    manifest = json.loads((server.static_root / "staticfiles.json").read_text())
    stylesheet = manifest["paths"]["css/engage.css"]
    assert stylesheet != "css/engage.css"
    assert f"/static/{stylesheet}".encode() in page
    status, headers, body = server.request(f"/static/{stylesheet}")
    assert status == 200
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert headers["Content-Type"].startswith("text/css")
    assert body
    _, headers, _ = server.request(
        f"/static/{stylesheet}", headers={"Accept-Encoding": "gzip"}
    )
    assert headers["Content-Encoding"] == "gzip"

    # Probes for what must never be reachable (QUALITY SEC-17): the
    # repository, directory listings, uploads straight from disk, settings.
    for probe in ("/.git/config", "/.env", "/static/", "/media/", "/documents/"):
        status, _, body = server.request(probe)
        assert status == 404, probe
        assert b"Index of" not in body
        assert b"Traceback" not in body
    status, headers, _ = server.request("/admin/")
    assert (status, headers["Location"]) == (302, "/admin/login/?next=/admin/")
    status, _, body = server.request("/admin/login/")
    assert status == 200
    assert b'name="password"' in body


def test_a_public_page_is_a_cache_miss_then_a_hit_across_workers(server):
    path = "/have-your-say/"
    first = server.request(path)
    assert (first[0], first[1]["X-Cache"]) == (200, "miss")
    # Two workers share the cache: whichever answers, it is now a hit, with
    # the security headers still added.
    for _ in range(4):
        status, headers, body = server.request(path)
        assert (status, headers["X-Cache"]) == (200, "hit")
        assert body == first[2]
        assert "Set-Cookie" not in headers
        assert headers["Strict-Transport-Security"]
