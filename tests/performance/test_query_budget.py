"""Issue 7's query budget: every public page type makes at most 15 queries,
and the same number with the demo content alone and with scale data added
(more consultations, committees, meetings, items, resolutions, actions,
stories and tags behind the same pages)."""

import io

import pytest
from django.core.management import call_command

from tests.demo_pages import PAGE_TYPES
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
MEASURED = {name: path for name, path in PAGE_TYPES.items() if name != "not found"}
SCALE = {
    "consultations": 40,
    "responses": 200,
    "committees": 6,
    "meetings": 30,
    "agenda_items": 150,
    "resolutions": 300,
    "actions": 80,
    "stories": 40,
    "tags": 12,
}


# The demo's one overdue action came from the discussion, not a resolution:
# with no resolution to fetch, Django skips that prefetch query.
SKIPPED_IN_THE_DEMO = {"action tracker overdue": 1}


def query_counts(client):
    return {name: count_queries(client, path) for name, path in MEASURED.items()}


def test_every_page_type_keeps_its_query_budget_as_the_data_grows(
    client, demo_site, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    small = query_counts(client)
    call_command("generate_scale_data", no_index=True, stdout=io.StringIO(), **SCALE)
    large = query_counts(client)
    over_budget = {name: n for name, n in large.items() if n > MAX_QUERIES}
    assert not over_budget, f"over {MAX_QUERIES} queries: {over_budget}"
    assert large == {
        name: count + SKIPPED_IN_THE_DEMO.get(name, 0) for name, count in small.items()
    }
