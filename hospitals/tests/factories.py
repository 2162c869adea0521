"""Small factories for page tests: articles and hospitals with made-up, unique names."""

import hashlib
import itertools
from datetime import date, timedelta

from articles.models import Article
from hospitals.models import Hospital

serial = itertools.count(1)


def make_article(**overrides):
    n = next(serial)
    body = overrides.pop("body", f"第{n}篇测试报道的正文，写医院的一项工作。" * 20)
    values = {
        "slug": f"article-{n}",
        "title": f"测试报道{n}",
        "body": body,
        "source_file": f"test/{n}.txt",
        "content_hash": hashlib.sha256(body.encode()).hexdigest(),
        "published_on": date(2023, 1, 1) + timedelta(days=n % 300),
    }
    values.update(overrides)
    return Article.objects.create(**values)


def make_hospital(**overrides):
    n = next(serial)
    values = {"name": f"测试第{n}医院", "slug": f"hospital-{n}", "province": "测试省", "category": "general"}
    values.update(overrides)
    return Hospital.objects.create(**values)
