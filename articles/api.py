"""The articles part of the JSON API, and the response and paging helpers every API list shares
(hospitals.api imports them; articles never imports hospitals)."""

from django.core.paginator import InvalidPage, Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .models import Article
from .serializers import article_detail, article_summary

API_PAGE_SIZE = 100


def json_response(data, status=200):
    """UTF-8 JSON, Chinese left readable (not \\u-escaped)."""
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def not_found(message):
    return json_response({"error": message}, status=404)


def paginated_response(request, object_list, serialize, per_page=API_PAGE_SIZE):
    """`?page=N` of `object_list` (an ordered QuerySet) as {count, page, pages, next, results};
    a page number that is not a page answers 404 with a JSON error. Two queries: count and page."""
    paginator = Paginator(object_list, per_page)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        return not_found("没有这一页")
    next_url = None
    if page.has_next():
        query = request.GET.copy()
        query["page"] = page.next_page_number()
        next_url = f"{request.path}?{query.urlencode()}"
    return json_response(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "next": next_url,
            "results": [serialize(item) for item in page.object_list],
        }
    )


@require_safe
def api_list(request):
    articles = Article.objects.latest_first().only("slug", "title", "published_on")
    return paginated_response(request, articles, article_summary)


@require_safe
def api_detail(request, slug):
    article = Article.objects.defer("raw_text", "body", "captions").filter(slug=slug).first()
    if article is None:
        return not_found(f"没有找到文章 {slug}")
    mentions = article.mentions.select_related("hospital").order_by("-role", "hospital__name")
    return json_response(article_detail(article, mentions))
