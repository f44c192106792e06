from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url) -> int:
    """Queries one GET of `url` makes once per-process caches (site root
    paths, content types, the content generation's memos) are warm, as they
    are on a running server. With the tests' local-memory cache the memos are
    rebuilt every few seconds (core.content_generation); a slow machine must
    not land a rebuild between the two requests, so that age is lifted here."""
    with mock.patch("core.content_generation.LOCAL_CACHE_MEMO_SECONDS", 3600):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
    return len(queries)
