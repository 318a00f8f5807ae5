from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int = 50) -> Page:
    """The requested page; a bad or too-large page number gives the nearest valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
