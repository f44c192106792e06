"""A restore drill on the real PostgreSQL (QUALITY OPS-04): back a site up,
lose data and files, restore, and get everything back."""

import hashlib
import io
import json
import tarfile

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from consultations.models import ConsultationPage
from consultations.submissions import ConsultationResponse
from core.backups import (
    DATABASE_FILE,
    MANIFEST_FILE,
    MEDIA_FILE,
    BackupError,
    other_sessions,
    row_counts,
    take_backup,
)
from core.demo import ensure_document
from home.factories import HomePageFactory
from tests.browser.conftest import restore_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_with_data(transactional_db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Backups are of PostgreSQL: set DATABASE_URL.")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A small site, not the whole demo: a dozen tests each back it up and
    # restore it, and what they prove does not grow with its size.
    restore_wagtail_roots()
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="drill-home")
    hub = ConsultationIndexPageFactory(parent=home)
    consultation = ConsultationPageFactory(parent=hub)
    ConsultationPageFactory(parent=hub, slug="town-centre-parking")
    ensure_document("Agenda pack", "agenda-pack.pdf")
    ConsultationResponse.objects.create(
        page=consultation, form_data={"what_else": "More benches, please."}
    )


def restore(directory, **options):
    """restore_site as after the app servers are stopped. `force`, because
    earlier tests in the same run (live servers) may still hold connections
    to this database; the refusal itself is tested on its own below."""
    options.setdefault("stdout", io.StringIO())
    call_command("restore_site", str(directory), yes=True, force=True, **options)


def back_up(tmp_path):
    out = io.StringIO()
    call_command("backup_site", to=tmp_path / "backups", stdout=out)
    (directory,) = (tmp_path / "backups").iterdir()
    return directory, out.getvalue()


def test_a_restore_gives_back_every_row_and_every_file(site_with_data, tmp_path):
    before = row_counts()
    agenda_pack = Document.objects.get()
    pack_bytes = agenda_pack.file.read()
    agenda_pack.file.close()

    directory, said = back_up(tmp_path)
    assert "Backed up" in said
    assert sorted(p.name for p in directory.iterdir()) == [
        DATABASE_FILE,
        MANIFEST_FILE,
        MEDIA_FILE,
    ]
    assert all(p.stat().st_mode & 0o077 == 0 for p in directory.iterdir())
    assert directory.stat().st_mode & 0o077 == 0

    # What a bad day looks like: responses deleted, a page gone, a file lost.
    ConsultationResponse.objects.all().delete()
    ConsultationPage.objects.filter(slug="town-centre-parking").delete()
    agenda_pack.file.storage.delete(agenda_pack.file.name)
    assert row_counts() != before

    out = io.StringIO()
    restore(directory, stdout=out)

    assert "every table has the rows the backup recorded" in out.getvalue()
    assert row_counts() == before
    assert ConsultationResponse.objects.filter(
        form_data__what_else="More benches, please."
    ).exists()
    restored = Document.objects.get()
    with restored.file.open("rb") as stream:
        assert stream.read() == pack_bytes


def test_a_restore_asks_for_confirmation_and_changes_nothing_without(
    site_with_data, tmp_path
):
    directory, _ = back_up(tmp_path)
    ConsultationResponse.objects.all().delete()
    out = io.StringIO()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_site", str(directory), stdout=out)
    assert "its files are intact" in out.getvalue()
    assert not ConsultationResponse.objects.exists()


def test_a_damaged_backup_is_refused_before_anything_is_replaced(
    site_with_data, tmp_path
):
    directory, _ = back_up(tmp_path)
    dump = directory / DATABASE_FILE
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    ConsultationResponse.objects.all().delete()

    with pytest.raises(CommandError, match="does not match its manifest: damaged"):
        restore(directory)
    assert not ConsultationResponse.objects.exists()


def test_a_restore_that_comes_back_short_says_which_tables(site_with_data, tmp_path):
    directory, _ = back_up(tmp_path)
    manifest_path = directory / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    # As if the dump had lost a row the manifest counted.
    manifest["row_counts"]["consultations_consultationresponse"] += 1
    manifest_path.write_text(json.dumps(manifest))
    err = io.StringIO()

    with pytest.raises(CommandError, match="1 tables differ") as raised:
        restore(directory, stderr=err)
    assert raised.value.returncode == 1
    assert "consultations_consultationresponse: 2 rows in the backup, 1 rows now" in (
        err.getvalue()
    )


def test_a_directory_that_is_not_a_backup_gets_a_clear_message(tmp_path, db):
    with pytest.raises(CommandError, match=r"holds no manifest\.json: not a backup"):
        call_command("restore_site", str(tmp_path), yes=True, stdout=io.StringIO())


def test_an_archive_reaching_outside_media_root_is_refused_first(
    site_with_data, tmp_path
):
    """Even with its manifest rewritten to match, as by someone who could
    write to the backup store."""
    directory, _ = back_up(tmp_path)
    evil = tmp_path / "evil.txt"
    evil.write_text("not yours")
    with tarfile.open(directory / MEDIA_FILE, "w:gz") as archive:
        archive.add(evil, arcname="../escaped.txt")
    manifest_path = directory / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][MEDIA_FILE] = hashlib.sha256(
        (directory / MEDIA_FILE).read_bytes()
    ).hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    ConsultationResponse.objects.all().delete()

    with pytest.raises(CommandError, match="not a plain file or folder inside"):
        restore(directory)
    assert not ConsultationResponse.objects.exists()
    assert not (tmp_path / "escaped.txt").exists()


def test_a_database_from_a_newer_release_is_refused(site_with_data, tmp_path):
    directory, _ = back_up(tmp_path)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE engage_from_a_later_release (id integer)")
    ConsultationResponse.objects.all().delete()

    with pytest.raises(
        CommandError, match=r"engage_from_a_later_release.*empty database"
    ):
        restore(directory)
    assert not ConsultationResponse.objects.exists()


def test_a_restore_waits_for_the_site_to_stop(site_with_data, tmp_path):
    directory, _ = back_up(tmp_path)
    already = other_sessions()  # left by earlier tests in the run, if any
    settings_dict = connection.settings_dict
    app_server = psycopg.connect(
        dbname=settings_dict["NAME"],
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
    )
    try:
        with pytest.raises(
            CommandError, match=f"^{already + 1} other sessions are connected"
        ):
            call_command("restore_site", str(directory), yes=True, stdout=io.StringIO())
    finally:
        app_server.close()


def test_an_incomplete_manifest_gets_a_clear_message(site_with_data, tmp_path):
    directory, _ = back_up(tmp_path)
    (directory / MANIFEST_FILE).write_text(json.dumps({"format": 1, "files": {}}))
    with pytest.raises(CommandError, match=r"manifest\.json is incomplete"):
        restore(directory)


def test_a_link_among_the_uploads_is_refused_and_leaves_no_half_backup(
    site_with_data, tmp_path, settings
):
    (tmp_path / "media").mkdir(exist_ok=True)
    (tmp_path / "media" / "elsewhere").symlink_to("/etc")
    with pytest.raises(
        CommandError, match=r"'\./elsewhere', which is not a plain file"
    ):
        call_command("backup_site", to=tmp_path / "backups", stdout=io.StringIO())
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_backup_is_refused_inside_a_transaction(site_with_data, tmp_path):
    with transaction.atomic(), pytest.raises(BackupError, match="outside any"):
        take_backup(tmp_path, timezone.now())
