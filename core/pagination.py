from django.core.paginator import Page, Paginator


def paginate(request, object_list, per_page: int) -> Page:
    """The requested page of `object_list`. A missing, malformed or
    out-of-range ?page= gives the nearest real page, never an error."""
    paginator = Paginator(object_list, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.page_numbers = list(
        paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    )
    return page
