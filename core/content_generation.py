"""The content generation: a random token, kept in the cache shared by every
app server, that is replaced whenever anything a public page shows changes.

Publishing, unpublishing, moving or deleting a page, and saving or deleting
content that pages show (snippets, site settings, images, documents, tags, the
committee action tracker, view restrictions, sites) replace it. Everything
that keeps content between requests keys it by the token: the anonymous page
cache (core.page_cache), the site chrome (core.chrome), listing totals
(core.pagination) and search's counts by type (search.views), and the
per-process memos (Memo below) of the site, of the pages routing passes through
(core.routing), of the lists that every variant of a listing shares
(committees, tags, section links), of a consultation's thread of decisions
(consultations.timeline), of the hub's order (consultations.hub) and of each
story's related stories (stories.models). A new token makes every
old entry unreachable; the token is random, so an evicted token can never
bring an old generation back.

A request reads the token once (GenerationMiddleware) and uses that value
throughout, so one response never mixes two generations.
"""

import contextlib
import contextvars
import hashlib
import logging
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

logger = logging.getLogger(__name__)

KEY = "content:generation"
# Each backend raises its own errors when its server is away (redis's are not
# OSErrors), and a cache outage should cost speed, never the page.
CACHE_ERRORS = (Exception,)
# Apps whose models appear on public pages, and the models in them that do not.
CONTENT_APPS = {"core", "home", "consultations", "committees", "stories", "places"}
PRIVATE_MODELS = {
    "consultations.ConsultationResponse",
    "consultations.EqualityAnswers",
    "consultations.ProgressNotice",
    # Never shown; import_postcodes replaces the generation once, where a
    # signal would for every row it deletes.
    "places.Postcode",
}
# Wagtail and taggit models that change what public pages show.
SHARED_CONTENT_MODELS = {
    "wagtailcore.Page",
    "wagtailcore.Site",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "taggit.Tag",
}

_pinned = contextvars.ContextVar("content_generation", default=None)
# A token this process failed to replace: replaced at its next request.
_bump_owed = False


def current() -> str:
    """The token: the request's pinned value, or the cache's. Raises a cache
    error if the cache is away and nothing is pinned."""
    token = _pinned.get()
    if token is not None:
        return token
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(KEY) or uuid.uuid4().hex
    return token


def bump() -> None:
    """Replace the token: everything keyed by the old one is out of date."""
    global _bump_owed
    _pinned.set(None)
    try:
        # False from a cache that dropped it (core.cache), None from Django's.
        stored = cache.set(KEY, uuid.uuid4().hex, timeout=None) is not False
    except CACHE_ERRORS:
        logger.warning("The cache refused the content generation", exc_info=True)
        stored = False
    # Publishing must still work: this process tries again at its next
    # request (GenerationMiddleware), until the cache takes it.
    _bump_owed = not stored
    if not stored:
        logger.error("Could not replace the content generation: owed")


def bump_on_change(sender=None, **kwargs) -> None:
    # Now, and again once the transaction commits: a request between the two
    # could otherwise store the old content under the new generation.
    bump()
    transaction.on_commit(bump)


def shown_on_pages(model) -> bool:
    label = model._meta.label
    if label in SHARED_CONTENT_MODELS:
        return True
    return model._meta.app_label in CONTENT_APPS and label not in PRIVATE_MODELS


def bump_on_model_change(sender, **kwargs) -> None:
    if shown_on_pages(sender):
        bump_on_change()


def connect_signals() -> None:
    # Pages, then snippets with draft states, then every other content change.
    for name, signal in {
        "page_published": page_published,
        "page_unpublished": page_unpublished,
        "post_page_move": post_page_move,
        "published": published,
        "unpublished": unpublished,
    }.items():
        signal.connect(bump_on_change, dispatch_uid=f"content-generation-{name}")
    post_save.connect(bump_on_model_change, dispatch_uid="content-generation-save")
    post_delete.connect(bump_on_model_change, dispatch_uid="content-generation-delete")


class GenerationMiddleware:
    """Reads the token once at the start of a request and pins it for the
    rest of it, after making any purge this process owes. Without a cache the
    request runs unpinned (and uncached)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bump_owed:
            bump()
        try:
            token = current()
        except CACHE_ERRORS:
            logger.warning("Content generation unavailable", exc_info=True)
            return self.get_response(request)
        pin = _pinned.set(token)
        try:
            return self.get_response(request)
        finally:
            _pinned.reset(pin)


# A local-memory cache is each process's own, so a change made through one
# gunicorn worker replaces only that worker's token: the others must not trust
# theirs for long. With a shared cache (Redis) the token decides, but a memo
# is still rebuilt this often: if the cache was away when something was
# published, the token was never replaced, and nothing else would end it.
LOCAL_CACHE_MEMO_SECONDS = 5
SHARED_CACHE_MEMO_SECONDS = 300


def cache_is_shared() -> bool:
    return not isinstance(caches["default"], LocMemCache)


def entry_seconds(seconds: int) -> int:
    """How long to keep an entry keyed by the token: as asked with a shared
    cache, at most LOCAL_CACHE_MEMO_SECONDS with a local one."""
    return seconds if cache_is_shared() else min(seconds, LOCAL_CACHE_MEMO_SECONDS)


def kept(namespace: str, key, build, seconds: int):
    """`build()`, kept in the cache shared by the app servers for the content
    generation, for up to `seconds` (entry_seconds). `key` (anything with a
    stable repr) must name everything the value depends on besides the
    content; it is hashed, so a resident's search words make a key of fixed
    length. `seconds` 0 builds every time; so does a cache outage, which costs
    speed, never the answer. `build` must return something picklable, never
    None."""
    if seconds <= 0:
        return build()
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    try:
        full_key = f"{namespace}:{digest}:{current()}"
        value = cache.get(full_key)
    except CACHE_ERRORS:
        return build()
    if value is None:
        value = build()
        with contextlib.suppress(CACHE_ERRORS):
            cache.set(full_key, value, entry_seconds(seconds))
    return value


class Memo:
    """One value per key per process, rebuilt when the content generation
    changes: for read-only things many requests need (the site, whether any
    page is restricted, the pages routing passes through). `build` must return
    something requests may share; a memo without one is given one by each
    get(). Past `max_entries` keys the least recently
    used goes, so a flood of new keys costs memory only up to that bound and
    the busiest keys stay.

    With a local-memory cache a value is also rebuilt after
    LOCAL_CACHE_MEMO_SECONDS, so changes made through another worker show
    within that time; with a shared one, after SHARED_CACHE_MEMO_SECONDS."""

    def __init__(self, build=None, max_entries=100):
        self.build = build
        self.max_entries = max_entries
        self._store = OrderedDict()

    def get(self, key=None, build=None):
        """The value for `key`. `build` (no arguments), if given, makes it
        instead of the memo's own: for a caller that already holds what the
        memo's build would fetch again."""
        make = build or (lambda: self._build(key))
        try:
            token = current()
        except CACHE_ERRORS:
            return make()
        stored = self._store.get(key)
        if stored is not None and stored[0] == token and self._young(stored[2]):
            with contextlib.suppress(KeyError):  # gone in another thread
                self._store.move_to_end(key)
            return stored[1]
        value = make()
        while self._store and len(self._store) >= self.max_entries:
            with contextlib.suppress(KeyError):
                self._store.popitem(last=False)
        self._store[key] = (token, value, time.monotonic())
        with contextlib.suppress(KeyError):  # gone in another thread
            self._store.move_to_end(key)
        return value

    def _build(self, key):
        if self.build is None:
            raise TypeError("This memo has no build of its own: pass get() one.")
        return self.build(key) if key is not None else self.build()

    @staticmethod
    def _young(built_at) -> bool:
        lifetime = (
            SHARED_CACHE_MEMO_SECONDS if cache_is_shared() else LOCAL_CACHE_MEMO_SECONDS
        )
        return time.monotonic() - built_at < lifetime
