from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Article
from .paging import page_or_404
from .rendering import layout, parse_span

ARTICLES_PER_PAGE = 30


@require_safe
def article_list(request):
    articles = Article.objects.latest_first().only("slug", "title", "subtitle", "publication", "published_on")
    page = page_or_404(request, articles, ARTICLES_PER_PAGE)
    return render(request, "articles/list.html", {"page": page, "count": page.paginator.count})


@require_safe
def article_detail(request, slug):
    # raw_text is the imported file as it came: this page never shows it.
    article = get_object_or_404(Article.objects.defer("raw_text"), slug=slug)
    highlight = parse_span(request.GET.get("hl", ""), len(article.body))
    ctx = {
        "article": article,
        "sections": layout(article.sections, highlight),
        "highlight": highlight,
        "mentions": article.mentions.select_related("hospital").order_by("-role", "hospital__name"),
    }
    return render(request, "articles/detail.html", ctx)
