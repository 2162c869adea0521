"""One way for every HTML list to take its page: a page number that is not a page is a 404."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404


def page_or_404(request, object_list, per_page, param="page", count=None):
    """The requested page of `object_list` (a QuerySet or list); Http404 for a bad or empty page.

    `count`, when the caller already knows it, spares the paginator a COUNT query (costly over
    an aggregate). Page 1 of an empty list is a page (Paginator allows it), so empty lists still render."""
    paginator = Paginator(object_list, per_page)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get(param) or 1)
    except InvalidPage as exc:
        raise Http404("没有这一页") from exc
