"""Site search, robots.txt and what they share."""

from urllib.parse import quote_plus

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from core import content_generation
from core.formatting import govuk_datetime
from core.pagination import paginate
from core.statements import planned_for_their_values
from places.search import places_for_query

from .forms import SearchForm
from .querysets import CountedResults, promotions_for, searchable_pages
from .sections import PUBLIC_TYPES, SECTIONS, TYPE_LABELS, models_for

RESULTS_PER_PAGE = 10


def describe(page, request) -> dict:
    """What a result shows: its link, title, snippet and what it is."""
    meta = TYPE_LABELS.get(type(page), "Page")
    starts_at = getattr(page, "starts_at", None)
    if starts_at:
        meta = f"{meta}, {govuk_datetime(starts_at)}"
    return {
        "url": page.get_url(request),
        "title": page.title,
        "summary": page.search_description or getattr(page, "summary", ""),
        "meta": meta,
    }


def matches_by_type(results, key) -> dict[int, int]:
    """How many of `results` are of each content type: one query, kept for
    the content generation like a listing's total (COUNT_CACHE_SECONDS), as
    residents often search the same words (a consultation in the news)."""
    return content_generation.kept(
        "search-facets",
        key,
        lambda: facet_by_type(results),
        getattr(settings, "COUNT_CACHE_SECONDS", 0),
    )


def facet_by_type(results) -> dict[int, int]:
    with planned_for_their_values():
        return dict(results.facet("content_type_id"))


def section_counts(by_type, section, query_prefix) -> list[dict]:
    """The type filter's options with how many results each has. A section
    counts the pages of its types and of their subclasses, as `.type()`
    selects them."""
    counts = {value: 0 for value, _, _ in SECTIONS}
    for pk, count in by_type.items():
        model = ContentType.objects.get_for_id(pk).model_class()
        for value, _, models in SECTIONS:
            if model and issubclass(model, models):
                counts[value] += count
                break
    options = [("", "All pages", sum(counts.values()))]
    options += [(value, label, counts[value]) for value, label, _ in SECTIONS]
    return [
        {
            "value": value,
            "label": label,
            "count": count,
            "current": value == section,
            "query": f"{query_prefix}type={value}" if value else query_prefix[:-1],
        }
        for value, label, count in options
    ]


@require_safe
def search(request):
    form = SearchForm(request.GET)
    site = Site.find_for_request(request)
    context = {
        "form": form,
        "query": form.query,
        "canonical_url": request.build_absolute_uri(reverse("search")),
    }
    if form.query and site:
        pages = searchable_pages(site)
        models = models_for(form.section)
        recommended = promotions_for(pages, form.query, models)
        if models == PUBLIC_TYPES:
            # A ward's name or a postcode: the place's page first.
            recommended = [
                *places_for_query(form.query, site.root_page, request),
                *recommended,
            ]
        promoted_ids = [item["page"].pk for item in recommended if "page" in item]
        by_type = matches_by_type(
            pages.search(form.query), ("search", site.pk, form.query)
        )
        sections = section_counts(by_type, form.section, f"q={quote_plus(form.query)}&")
        # The chosen type's count is the number of results, less the
        # recommended pages the query also finds (they are not listed twice).
        count = next(option["count"] for option in sections if option["current"])
        chosen = pages.type(*models) if models != PUBLIC_TYPES else pages
        if promoted_ids:
            chosen = chosen.exclude(id__in=promoted_ids)
            with planned_for_their_values():
                found = pages.filter(id__in=promoted_ids).search(form.query)
                count -= found.count()
        page_obj = paginate(
            request, CountedResults(chosen.search(form.query), count), RESULTS_PER_PAGE
        )
        with planned_for_their_values():
            ids = [page.pk for page in page_obj.object_list] if count else []
        specific = {
            page.pk: page
            for page in Page.objects.filter(pk__in=ids).defer_streamfields().specific()
        }
        results = [describe(specific[pk], request) for pk in ids if pk in specific]
        for item in recommended:
            if "page" in item:
                item["url"] = item["page"].get_url(request)
        context.update(
            page_obj=page_obj,
            results=results,
            total=count + len(recommended),
            # Recommended results lead the first page only.
            recommended=recommended if page_obj.number == 1 else [],
            sections=sections,
            query_prefix=form.query_prefix,
        )
    return render(request, "search/search.html", context)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Disallow: {reverse('search')}",
        "",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
