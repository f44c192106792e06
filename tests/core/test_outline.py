import pytest
from django.core.exceptions import ValidationError
from wagtail.rich_text import RichText

from core.blocks import BodyBlock


def clean(*children):
    block = BodyBlock()
    return block.clean(block.normalize(list(children)))


def heading(text, level):
    return ("heading", {"text": text, "level": level})


def prose(html):
    return ("rich_text", RichText(html))


def error_indexes(exc_info):
    return sorted(exc_info.value.block_errors)


def test_a_well_formed_outline_is_accepted():
    clean(
        heading("Why", "h2"),
        prose("<p>Text</p><h3>Detail</h3><h4>More</h4><h2>Next</h2>"),
        heading("Back up", "h3"),
    )


def test_skipping_a_level_on_the_way_down_is_refused():
    with pytest.raises(ValidationError) as exc_info:
        clean(heading("Why", "h2"), heading("Too deep", "h4"))
    assert error_indexes(exc_info) == [1]
    assert "cannot skip a level" in str(exc_info.value.block_errors[1])


def test_the_first_heading_must_be_level_two():
    with pytest.raises(ValidationError) as exc_info:
        clean(prose("<h3>Starts too deep</h3>"))
    assert error_indexes(exc_info) == [0]


def test_skips_inside_rich_text_are_refused():
    with pytest.raises(ValidationError) as exc_info:
        clean(prose("<h2>Fine</h2><h4>Skipped</h4>"))
    assert error_indexes(exc_info) == [0]


def test_empty_headings_are_refused():
    with pytest.raises(ValidationError) as exc_info:
        clean(prose("<h2>Fine</h2><p>x</p><h2> </h2>"))
    assert "cannot be empty" in str(exc_info.value.block_errors[0])


def test_an_h1_in_rich_text_is_refused():
    with pytest.raises(ValidationError):
        clean(prose("<h1>Second title</h1>"))


def test_accordion_sections_restart_the_outline_at_level_two():
    accordion = (
        "accordion",
        {
            "sections": [
                {"heading": "Section", "summary": "", "content": RichText("<p>x</p>")}
            ]
        },
    )
    clean(heading("A", "h2"), heading("B", "h3"), accordion, heading("C", "h3"))
