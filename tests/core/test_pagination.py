import pytest
from django.test import RequestFactory

from core.pagination import paginate


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("", 1),
        ("page=2", 2),
        ("page=abc", 1),
        ("page=999", 5),
        ("page=-1", 5),
        ("page=", 1),
    ],
)
def test_any_page_parameter_gives_a_real_page(query, number):
    request = RequestFactory().get(f"/?{query}")
    page = paginate(request, list(range(50)), per_page=10)
    assert page.number == number


def test_long_ranges_are_elided():
    request = RequestFactory().get("/?page=10")
    page = paginate(request, list(range(200)), per_page=10)
    assert page.page_numbers[0] == 1
    assert page.page_numbers[-1] == 20
    assert page.paginator.ELLIPSIS in page.page_numbers
