"""The one slug maker: ASCII pinyin slugs for URLs (Django's `slug` converter only matches ASCII).

Articles and hospitals both use it; it lives here because hospitals depend on articles.
"""

import re

from .pinyin import lazy_pinyin

_NOT_SLUG = re.compile(r"[^a-z0-9-]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


def slug_base(text, max_length=80):
    """Pinyin of the Chinese, ASCII words kept, everything else dropped: 青山医院 → qing-shan-yi-yuan."""
    words = []
    for piece in lazy_pinyin(text or ""):
        # Non-Chinese runs come back whole ("2023", "+“"): keep their letters and digits.
        words.extend(_ASCII_WORD.findall(piece))
    base = _NOT_SLUG.sub("-", "-".join(words).lower())
    return base.strip("-")[:max_length].strip("-")


def unique_slug(model, text, max_length=80, suffix="", default="item"):
    """A slug for `text` that no row of `model` has yet: the base, then base-2, base-3, …

    `suffix` is appended to the base (before the counter). Reads the database; two concurrent
    writers can still pick the same slug, which the unique constraint then refuses.
    """
    return free_slug(model, (slug_base(text, max_length) or default) + suffix)


def free_slug(model, base):
    """`base`, or base-2, base-3, …: the first that no row of `model` has (`base` made by slug_base)."""
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
