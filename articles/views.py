from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Article
from .rendering import layout, parse_span


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _article_summary(article):
    return {
        "slug": article.slug,
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "url": article.get_absolute_url(),
        "api_url": f"/api/articles/{article.slug}/",
    }


@require_safe
def article_list(request):
    articles = Article.objects.latest_first().only("slug", "title", "subtitle", "publication", "published_on")
    paginator = Paginator(articles, 30)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except Exception as exc:
        raise Http404("没有这一页") from exc
    return render(request, "articles/list.html", {"page": page, "count": paginator.count})


@require_safe
def article_detail(request, slug):
    article = get_object_or_404(Article, slug=slug)
    highlight = parse_span(request.GET.get("hl", ""), len(article.body))
    ctx = {
        "article": article,
        "sections": layout(article.sections, highlight),
        "highlight": highlight,
        "mentions": article.mentions.select_related("hospital").order_by("-role", "hospital__name"),
    }
    return render(request, "articles/detail.html", ctx)


@require_safe
def api_list(request):
    articles = Article.objects.latest_first()
    results = [_article_summary(a) for a in articles]
    return _json({"count": len(results), "results": results})


@require_safe
def api_detail(request, slug):
    try:
        article = Article.objects.get(slug=slug)
    except Article.DoesNotExist:
        return _json({"error": f"没有找到文章 {slug}"}, status=404)
    mentions = article.mentions.select_related("hospital").order_by("-role", "hospital__name")
    data = _article_summary(article)
    data.pop("api_url")
    data.update(
        {
            "subtitle": article.subtitle,
            "publication": article.publication,
            "authors": article.authors,
            "source_file": article.source_file,
            "hospitals": [
                {"slug": m.hospital.slug, "name": m.hospital.name, "role": m.role} for m in mentions
            ],
            "sections": article.section_texts(),
        }
    )
    return _json(data)
