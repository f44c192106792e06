"""Every public page type is valid HTML: no errors from the W3C Nu HTML
checker (QUALITY ACC-02). Pages are checked in one run of the checker, because
each start of the JVM costs seconds."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.demo_pages import PAGE_TYPES
from tests.error_states import error_state_pages, send_response
from tests.html import soup

VNU = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (shutil.which("java") and VNU.exists()),
        reason="The Nu HTML checker needs Java and `npm ci` (see README, Testing)",
    ),
]


def nu_errors(files):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr or '{"messages": []}')["messages"]
    ]


def test_every_page_type_is_valid_html(client, demo_site, tmp_path):
    files = []
    for name, path in PAGE_TYPES.items():
        response = client.get(path)
        target = tmp_path / f"{name.replace(' ', '-')}.html"
        target.write_bytes(response.content)
        files.append(target)
    assert nu_errors(files) == []


def test_response_form_error_and_confirmation_states_are_valid_html(
    client, demo_site, tmp_path, settings
):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    url = PAGE_TYPES["consultation"]
    error_state = client.post(url, {})
    assert error_state.status_code == 200
    sent = send_response(client, url)
    assert sent.status_code == 302, soup(sent).select_one(".govuk-error-summary")
    confirmation = client.get(sent["Location"])
    files = []
    for name, response in [("error", error_state), ("confirmation", confirmation)]:
        target = tmp_path / f"{name}.html"
        target.write_bytes(response.content)
        files.append(target)
    assert nu_errors(files) == []


def test_refusal_and_error_pages_are_valid_html(demo_site, tmp_path, settings):
    files = []
    for name, content in error_state_pages(settings).items():
        target = tmp_path / f"{name.replace(' ', '-').replace(':', '')}.html"
        target.write_bytes(content)
        files.append(target)
    assert nu_errors(files) == []


def test_the_checker_does_find_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html><head></head><body><p><b>unclosed</body>")
    assert nu_errors([broken])
