import shutil
import tempfile
from pathlib import Path

import pytest

from .stack import Cluster, Gunicorn, collect_static, require_server_binaries


@pytest.fixture(scope="module")
def production_stack(django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn (production settings) on a private PostgreSQL cluster holding
    the demo content; shared by the outage and load tests, always stopped."""
    require_server_binaries()
    static_root = tmp_path_factory.mktemp("static")
    collect_static(static_root)
    # Not under pytest's temporary directory: the postgres user cannot enter it.
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="engage-reliability-pg.")))
    gunicorn = None
    try:
        cluster.create()
        with django_db_blocker.unblock():
            cluster.load_site()
        gunicorn = Gunicorn(cluster, static_root, tmp_path_factory.mktemp("gunicorn"))
        gunicorn.start()
        yield cluster, gunicorn
    finally:
        if gunicorn is not None:
            gunicorn.stop()
        cluster.destroy()
        shutil.rmtree(cluster.dir, ignore_errors=True)
