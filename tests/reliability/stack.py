"""A production stack the test owns entirely: a private, throwaway PostgreSQL
cluster (which the test may stop and start) and gunicorn with production
settings serving the demo content from it, on loopback only.

The cluster gets the test database's schema with pg_dump (seconds, where
migrating would take half a minute), then the demo content."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from tests.production.test_stack import GUNICORN, ROOT, free_port, production_env, stop

from .client import Server

PG_BINS = sorted(
    Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
)
PG_BIN = PG_BINS[-1] if PG_BINS else None
START_SECONDS = 30
COMMAND_SECONDS = 120

CONTENT = """
import io, sys, django
django.setup()
from django.core.management import call_command
from tests.production.test_stack import restore_wagtail_roots
if sys.argv[1] == "migrate":
    call_command("migrate", verbosity=0)
restore_wagtail_roots()
call_command("load_demo_content", stdout=io.StringIO())
"""


def require_server_binaries():
    if PG_BIN is None or not (PG_BIN / "initdb").exists():
        pytest.skip(
            "No PostgreSQL server binaries in /usr/lib/postgresql/*/bin: the "
            "outage and load tests start their own cluster (install postgresql)."
        )


def run(command, **kwargs):
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=COMMAND_SECONDS,
        check=False,
        **kwargs,
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}{result.stderr}"
    return result


class Cluster:
    def __init__(self, directory: Path):
        self.dir = directory
        self.port = free_port()
        self.url = f"postgres://engage@127.0.0.1:{self.port}/postgres"
        # The server refuses to run as root.
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def pg(self, tool, *args):
        return run([*self.as_pg, str(PG_BIN / tool), *args])

    def create(self):
        if self.as_pg:
            shutil.chown(self.dir, "postgres", "postgres")
        self.pg(
            "initdb", "-D", f"{self.dir}/data", "-U", "engage", "-A", "trust",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self.start()

    def start(self):
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.pg(
            "pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/server.log",
            "-w", "-t", str(START_SECONDS), "-o", options, "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        self.pg(
            "pg_ctl", "-D", f"{self.dir}/data", "-m", mode, "-w", "-t", "30", "stop"
        )

    def destroy(self):
        subprocess.run(
            [*self.as_pg, str(PG_BIN / "pg_ctl"), "-D", f"{self.dir}/data", "-m", "immediate", "stop"],
            capture_output=True,
            timeout=COMMAND_SECONDS,
            check=False,
        )  # fmt: skip

    def load_site(self):
        """The test database's schema (or migrations), then the demo content."""
        migrate = "migrate"
        if connection.vendor == "postgresql":
            db = connection.settings_dict
            dump = subprocess.run(
                [
                    PG_BIN / "pg_dump", "--no-owner", "--no-privileges",
                    "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"], db["NAME"],
                ],
                capture_output=True,
                timeout=COMMAND_SECONDS,
                env={**os.environ, "PGPASSWORD": db["PASSWORD"] or ""},
                check=False,
            )  # fmt: skip
            if dump.returncode == 0:
                run(
                    [PG_BIN / "psql", "-q", "-v", "ON_ERROR_STOP=1", self.url],
                    input=dump.stdout.decode(),
                )
                migrate = "no-migrate"
        run(
            [sys.executable, "-c", CONTENT, migrate],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": self.url,
            },
        )

    def query(self, sql, params=()):
        with psycopg.connect(self.url, connect_timeout=10) as conn:
            return conn.execute(sql, params).fetchall()


def collect_static(static_root: Path):
    env = production_env(static_root, static_root, 0)
    env["DATABASE_URL"] = "postgres://unused@127.0.0.1:1/unused"
    run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
    )


class Gunicorn:
    """gunicorn, production settings, four workers, on the private cluster.

    Every client comes from 127.0.0.1, so the rate limit is raised and the
    minimum fill-in time set to zero: honest load must not be refused."""

    def __init__(self, cluster: Cluster, static_root: Path, tmp: Path):
        self.port = free_port()
        self.log = tmp / "gunicorn.log"
        self.env = {
            **production_env(static_root, tmp, self.port),
            "DATABASE_URL": cluster.url,
            # Persistent connections, as in production: they must survive a
            # database restart.
            "DATABASE_CONN_MAX_AGE": "60",
            "GUNICORN_WORKERS": "4",
            "CONSULTATION_MIN_FILL_SECONDS": "0",
            "CONSULTATION_RATE_LIMIT": "1000000",
        }
        self.process = None

    def start(self):
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [GUNICORN, "-c", "config/gunicorn.py", "config.wsgi"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = self.server()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited:\n{self.log.read_text()}")
            try:
                if server.get("/health/").status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(
            f"gunicorn did not answer in {START_SECONDS}s:\n{self.log.read_text()}"
        )

    def server(self) -> Server:
        return Server(self.port, https=True)

    def stop(self):
        if self.process is not None:
            stop(self.process)
