"""JSON shapes of articles in the API (docs/api.md)."""

from django.urls import reverse


def article_summary(article):
    return {
        "slug": article.slug,
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "url": article.get_absolute_url(),
        "api_url": reverse("articles:api-detail", args=[article.slug]),
    }


def article_detail(article, mentions):
    data = article_summary(article)
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
    return data
