"""Backups that prove themselves on restore (QUALITY OPS-04).

A backup is a directory holding the PostgreSQL database (`pg_dump`'s custom
format), the uploaded files (a tar of MEDIA_ROOT) and a manifest: when it was
taken, each file's SHA-256, the migrations applied and every table's row count.
A restore checks the files against the manifest before touching anything, and
the restored database's row counts against it afterwards, so a restore drill
ends with a yes or a no rather than a hope. It refuses a database from a newer
release (restore into an empty one instead) and, unless forced, one that other
sessions are using.

It holds residents' personal data: the directory is readable by its owner
only, and where it is kept must be encrypted (see docs/operations.md).
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from core import content_generation

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MANIFEST_FILE = "manifest.json"
FORMAT = 1


LOCK_TIMEOUT_SECONDS = 30
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "application_name": "PGAPPNAME",
}


class BackupError(Exception):
    """Something an operator must see and act on; never a traceback."""


def _postgres_env() -> dict:
    """libpq's variables for the default database, so no password reaches a
    command line (where `ps` would show it)."""
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups are of PostgreSQL, the production database; this site is "
            f"on {connection.vendor}."
        )
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    # TLS and the like, as DATABASE_URL's query string gave them to psycopg:
    # without them pg_dump would fall back to libpq's defaults.
    for option, value in db.get("OPTIONS", {}).items():
        if option in _LIBPQ_OPTIONS:
            env[_LIBPQ_OPTIONS[option]] = str(value)
    # Wait at most this long for another session's lock, rather than forever.
    env["PGOPTIONS"] = f"-c lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}"
    return env


def _run(command: list[str], env: dict) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client).")
    finished = subprocess.run(  # noqa: S603 (our own arguments, no shell)
        [tool, *command[1:]], env=env, capture_output=True, text=True
    )
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed: {finished.stderr.strip()}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Every table's rows, one query: what a restore must give back."""
    tables = sorted(connection.introspection.table_names())
    if not tables:
        return {}
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(
        f"SELECT %s, COUNT(*) FROM {quote(table)}"  # noqa: S608 (introspected names)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(union, tables)
        return dict(cursor.fetchall())


def _applied_migrations() -> list[str]:
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied)


@dataclass(frozen=True)
class Backup:
    directory: Path
    manifest: dict

    @property
    def tables(self) -> int:
        return len(self.manifest["row_counts"])

    @property
    def rows(self) -> int:
        return sum(self.manifest["row_counts"].values())


def take_backup(parent: Path, now: datetime.datetime) -> Backup:
    """A new backup directory under `parent`, named for the moment (UTC)."""
    env = _postgres_env()
    if connection.in_atomic_block:
        # BEGIN would not start the repeatable-read snapshot inside one, and
        # ROLLBACK would end the caller's transaction.
        raise BackupError("Take a backup outside any transaction.")
    directory = parent / now.strftime("engage-%Y%m%dT%H%M%SZ")
    directory.mkdir(parents=True, mode=0o700)
    try:
        return _write_backup(directory, now, env)
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)  # never a half backup
        raise


def _write_backup(directory: Path, now: datetime.datetime, env: dict) -> Backup:
    # pg_dump's snapshot and our counts are taken moments apart: counted
    # first, rows written in between would make a live site's manifest
    # disagree with its dump. Counted in a repeatable-read transaction, then
    # dumped from that very snapshot, they agree.
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
            counts = row_counts()
            migrations = _applied_migrations()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={directory / DATABASE_FILE}",
                ],
                env,
            )
        finally:
            cursor.execute("ROLLBACK")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(directory / MEDIA_FILE, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=".", filter=_plain_only)
    manifest = {
        "format": FORMAT,
        "taken_at": now.isoformat(),
        "files": {
            name: _sha256(directory / name) for name in (DATABASE_FILE, MEDIA_FILE)
        },
        "migrations": migrations,
        "row_counts": counts,
    }
    (directory / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2))
    for path in directory.iterdir():
        path.chmod(0o600)
    return Backup(directory, manifest)


def _plain_only(member):
    """Uploads are plain files: a link in MEDIA_ROOT would make a backup that
    restore_site refuses, so it is refused now, while it can be mended."""
    if not (member.isfile() or member.isdir()):
        raise BackupError(
            f"MEDIA_ROOT holds {member.name!r}, which is not a plain file or "
            "folder: move it out, then back up again."
        )
    return member


def read_backup(directory: Path) -> Backup:
    """The backup in `directory`, its files checked against its manifest."""
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{directory} holds no {MANIFEST_FILE}: not a backup."
        ) from None
    except ValueError:
        raise BackupError(f"{directory / MANIFEST_FILE} is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{directory} is in a backup format this site cannot read.")
    files = manifest.get("files")
    if (
        not isinstance(files, dict)
        or set(files) != {DATABASE_FILE, MEDIA_FILE}
        or not isinstance(manifest.get("row_counts"), dict)
        or not isinstance(manifest.get("taken_at"), str)
    ):
        raise BackupError(f"{directory / MANIFEST_FILE} is incomplete.")
    for name, expected in files.items():
        path = directory / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if _sha256(path) != expected:
            raise BackupError(f"{path} does not match its manifest: damaged.")
    return Backup(directory, manifest)


# Python's own guard where it has one (3.11.4 and later): plain files and
# folders only, with safe permissions.
_DATA_ONLY = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


def _plain_members(archive, root: Path) -> list:
    """The archive's members, refused unless each is a plain file or folder
    inside `root`: no archive can write elsewhere, or leave a link to."""
    root = root.resolve()
    members = archive.getmembers()
    for member in members:
        inside = (root / member.name).resolve().is_relative_to(root)
        if not inside or not (member.isfile() or member.isdir()):
            raise BackupError(
                f"The uploaded files' archive holds {member.name!r}, which is not "
                "a plain file or folder inside MEDIA_ROOT: refused."
            )
    return members


def restore_backup(
    backup: Backup, force: bool = False
) -> dict[str, tuple[int | None, int | None]]:
    """Replaces the database with the backup's and puts its uploaded files
    back (files uploaded since stay), then returns every table whose row
    count differs from the manifest, as {table: (in the backup, now)}, with
    None for a table the backup does not have: empty when the restore is
    whole. `force` restores even while other sessions are connected."""
    env = _postgres_env()
    expected = backup.manifest["row_counts"]
    newer = sorted(set(connection.introspection.table_names()) - set(expected))
    if newer:
        # pg_restore --clean drops only what the dump holds: these would stay,
        # out of step with the migrations restored, or block the drops.
        raise BackupError(
            f"This database has tables the backup does not ({', '.join(newer[:5])}"
            f"{', ...' if len(newer) > 5 else ''}): it is from a newer release. "
            "Restore into a new, empty database instead (createdb, then point "
            "DATABASE_URL at it), then run migrate."
        )
    if not force and (others := other_sessions()):
        raise BackupError(
            f"{others} other sessions are connected to this database: stop the "
            "app servers and scheduled jobs first (or use --force)."
        )
    media_root = Path(settings.MEDIA_ROOT)
    try:
        with tarfile.open(backup.directory / MEDIA_FILE, "r:gz") as archive:
            # Every file is checked before the database is touched.
            members = _plain_members(archive, media_root)
            connection.close()  # pg_restore drops tables this connection holds
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={env['PGDATABASE']}",
                    str(backup.directory / DATABASE_FILE),
                ],
                env,
            )
            media_root.mkdir(parents=True, exist_ok=True)
            archive.extractall(  # noqa: S202 (members checked, _plain_members)
                media_root, members=members, **_DATA_ONLY
            )
    except tarfile.TarError as error:
        raise BackupError(f"The uploaded files could not be read: {error}") from error
    # Whatever any worker or the page cache kept now describes other data.
    content_generation.bump()
    restored = row_counts()
    return {
        table: (expected.get(table), restored.get(table))
        for table in set(expected) | set(restored)
        if restored.get(table) != expected.get(table)
    }


def other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        return cursor.fetchone()[0]
