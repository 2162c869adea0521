from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Article
from .rendering import layout, parse_span


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
