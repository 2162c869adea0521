from django.db import models
from django.urls import reverse


class ArticleQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")


class Article(models.Model):
    """One feature (or one news item cut from a print page) with its raw and cleaned text.

    `body` is the cleaned text: section headings and paragraphs joined by newlines. Evidence
    spans stored on extracted facts are character offsets into `body`.
    """

    slug = models.SlugField("网址标识", max_length=100, unique=True)
    title = models.CharField("标题", max_length=300)
    subtitle = models.CharField("副标题", max_length=300, blank=True)
    publication = models.CharField("刊物", max_length=100, blank=True)
    published_on = models.DateField("出版日期", null=True, blank=True)
    authors = models.JSONField("作者", default=list, blank=True)
    sections = models.JSONField("章节", default=list, blank=True, help_text="[{heading, paragraphs}]")
    captions = models.JSONField("图片说明", default=list, blank=True)
    body = models.TextField("正文", blank=True)
    raw_text = models.TextField("原始文本", blank=True)
    source_file = models.CharField("来源文件", max_length=255)
    # Items cut from one print page share a source file and differ by part (0 = the feature).
    part = models.PositiveSmallIntegerField("版面序号", default=0)
    content_hash = models.CharField("内容哈希", max_length=64, db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = verbose_name
        ordering = ["-published_on", "-id"]
        constraints = [
            # Re-importing a file updates its items in place.
            models.UniqueConstraint(fields=["source_file", "part"], name="article_unique_source_part"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", args=[self.slug])

    def section_texts(self):
        """Sections as the API shows them: heading plus paragraphs joined by newlines."""
        return [
            {"heading": s.get("heading", ""), "text": "\n".join(s.get("paragraphs", []))}
            for s in self.sections
        ]
