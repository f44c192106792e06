"""`manage.py import_postcodes`: the ONS postcode directory's rows for the
council's wards become postcode lookups; a wrong file says what is wrong."""

import io

import pytest
from django.core.management import CommandError, call_command

from places.factories import AreaFactory
from places.models import Postcode

pytestmark = pytest.mark.django_db

HEADER = "pcd,pcd2,pcds,wd25cd,lad25cd\n"


def run(path, **options):
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def wards():
    return {
        "east": AreaFactory(name="Eastside", code="E05999901"),
        "green": AreaFactory(name="Greenway", code="E05999902"),
    }


def test_rows_in_our_wards_are_loaded_and_others_left_out(tmp_path, wards):
    csv_file = tmp_path / "nspl.csv"
    csv_file.write_text(
        HEADER
        + "NV1 4AB,NV1  4AB,NV1 4AB,E05999901,E06999999\n"
        + "NV2 7CD,NV2  7CD,nv2 7cd,E05999902,E06999999\n"
        + "NV2 7CD,NV2  7CD,NV2 7CD,E05999902,E06999999\n"
        + "SW1A1AA,SW1A 1AA,SW1A 1AA,E05000644,E09000033\n"
        + "bad,bad,not a postcode,E05999901,E06999999\n"
    )
    output = run(csv_file)
    assert dict(Postcode.objects.values_list("postcode", "ward__name")) == {
        "NV1 4AB": "Eastside",
        "NV2 7CD": "Greenway",
    }
    assert "in 2 of the 2 wards with ONS codes; 1 rows could not be read" in output


def test_a_new_edition_moves_a_postcode_and_replace_drops_the_old(tmp_path, wards):
    first = tmp_path / "old.csv"
    first.write_text(
        HEADER + "NV1 4AB,,NV1 4AB,E05999901,\nNV1 9ZZ,,NV1 9ZZ,E05999901,\n"
    )
    run(first)
    second = tmp_path / "new.csv"
    second.write_text(HEADER + "NV1 4AB,,NV1 4AB,E05999902,\n")
    run(second)
    assert Postcode.objects.get(pk="NV1 4AB").ward == wards["green"]
    assert Postcode.objects.filter(pk="NV1 9ZZ").exists()
    run(second, replace=True)
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["NV1 4AB"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("postcode,ward\nNV1 4AB,E05999901\n", "The file has no column pcds, wd25cd"),
        (b"\xff\xfe\x00bad", "is not a UTF-8 CSV file"),
    ],
)
def test_a_wrong_file_says_what_is_wrong(tmp_path, wards, content, message):
    csv_file = tmp_path / "wrong.csv"
    if isinstance(content, bytes):
        csv_file.write_bytes(content)
    else:
        csv_file.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(csv_file)
    assert not Postcode.objects.exists()


def test_a_missing_file_or_wards_without_codes_say_so(tmp_path, wards):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "absent.csv")
    for ward in wards.values():
        ward.code = ""
        ward.save()
    with pytest.raises(CommandError, match="No ward has an ONS code"):
        run(tmp_path / "absent.csv")


def test_loading_postcodes_replaces_the_content_generation_once(tmp_path, wards):
    from core import content_generation

    csv_file = tmp_path / "nspl.csv"
    csv_file.write_text(HEADER + "NV1 4AB,,NV1 4AB,E05999901,\n")
    run(csv_file)
    before = content_generation.current()
    Postcode.objects.all().delete()  # as --replace does, row by row
    assert content_generation.current() == before
