import re
from decimal import Decimal

from django.db import models
from django.urls import reverse

from articles.models import Article


def evidence_url(article_url, span_start, span_end):
    """The article page with a fact's evidence marked and scrolled to (articles.views reads ?hl=)."""
    if span_start is None or span_end is None:
        return article_url
    return f"{article_url}?hl={span_start}-{span_end}#evidence"


class Origin(models.TextChoices):
    IMPORTER = "importer", "导入程序"
    ADMIN = "admin", "管理员"


class ProvenanceMixin(models.Model):
    """Who made a fact; re-import replaces only importer facts that no admin touched."""

    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.IMPORTER)
    admin_edited = models.BooleanField("管理员已修改", default=False)

    class Meta:
        abstract = True


class Hospital(ProvenanceMixin):
    class Category(models.TextChoices):
        GENERAL = "general", "综合医院"
        TCM = "tcm", "中医医院"
        INTEGRATED = "integrated", "中西医结合医院"
        SPECIALIST = "specialist", "专科医院"
        MATERNAL_CHILD = "maternal_child", "妇幼保健院"
        TOWNSHIP = "township", "卫生院"
        COMMUNITY = "community", "社区卫生服务中心"

    class Level(models.TextChoices):
        GRADE_3A = "3a", "三级甲等"
        GRADE_3B = "3b", "三级乙等"
        GRADE_3 = "3", "三级"
        GRADE_2A = "2a", "二级甲等"
        GRADE_2B = "2b", "二级乙等"
        GRADE_2 = "2", "二级"
        GRADE_1 = "1", "一级"

    name = models.CharField("名称", max_length=100, unique=True)
    slug = models.SlugField("网址标识", max_length=120, unique=True)
    province = models.CharField("省份", max_length=20, blank=True)
    city = models.CharField("城市", max_length=30, blank=True)
    county = models.CharField("区县", max_length=30, blank=True)
    category = models.CharField("类别", max_length=20, choices=Category.choices, blank=True)
    level = models.CharField("等级", max_length=4, choices=Level.choices, blank=True)
    founded_year = models.PositiveSmallIntegerField("建院年份", null=True, blank=True)
    articles = models.ManyToManyField(
        Article, through="Mention", related_name="hospitals", verbose_name="文章"
    )

    class Meta:
        verbose_name = "医院"
        verbose_name_plural = verbose_name
        ordering = ["name"]
        indexes = [
            # Hospitals list filtered by province / category.
            models.Index(fields=["province", "city"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        checks_slug = update_fields is None or "slug" in update_fields
        previous = None
        if self.pk and checks_slug:
            previous = Hospital.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        if checks_slug and previous != self.slug:
            if previous:
                # Links to the profile's old address keep working.
                HospitalRedirect.point(previous, self)
            # A live profile owns its address: no redirect away from it.
            HospitalRedirect.objects.filter(old_slug=self.slug).delete()

    def get_absolute_url(self):
        return reverse("hospitals:detail", args=[self.slug])


class HospitalRedirect(models.Model):
    """An address a hospital profile used to have: the slug of a record merged into it, or
    its own slug before an edit. The profile and API answer it with a permanent redirect."""

    old_slug = models.SlugField("旧网址标识", max_length=120, unique=True)
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="redirects", verbose_name="现在的医院"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "旧网址"
        verbose_name_plural = verbose_name
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.hospital}"

    @classmethod
    def point(cls, old_slug, hospital):
        """Send `old_slug` to `hospital` from now on."""
        if old_slug and old_slug != hospital.slug:
            cls.objects.update_or_create(old_slug=old_slug, defaults={"hospital": hospital})


class HospitalAlias(models.Model):
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="aliases", verbose_name="医院"
    )
    name = models.CharField("别名", max_length=100, unique=True)

    class Meta:
        verbose_name = "医院别名"
        verbose_name_plural = verbose_name
        ordering = ["name"]

    def __str__(self):
        return self.name


class Mention(ProvenanceMixin):
    class Role(models.TextChoices):
        SUBJECT = "subject", "报道对象"
        MENTIONED = "mentioned", "提及"

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="mentions", verbose_name="文章"
    )
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="mentions", verbose_name="医院"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = "文章中的医院"
        verbose_name_plural = verbose_name
        ordering = ["article", "role", "hospital"]
        constraints = [
            models.UniqueConstraint(fields=["article", "hospital"], name="mention_unique_article_hospital"),
        ]

    def __str__(self):
        return f"{self.hospital} · {self.get_role_display()}"


class Person(ProvenanceMixin):
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="people", verbose_name="医院"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="people", verbose_name="文章")
    name = models.CharField("姓名", max_length=10)
    titles = models.JSONField("职务", default=list)
    evidence = models.TextField("依据", blank=True)

    class Meta:
        verbose_name = "人物"
        verbose_name_plural = verbose_name
        ordering = ["hospital", "id"]

    def __str__(self):
        return f"{self.name}（{'、'.join(self.titles)}）"

    @property
    def title(self):
        return "、".join(self.titles)


class Initiative(ProvenanceMixin):
    class Category(models.TextChoices):
        PARTY = "party", "党的建设"
        TALENT = "talent", "人才队伍"
        INTEGRITY = "integrity", "廉洁作风"
        QUALITY = "quality", "医疗质量"
        DISCIPLINE = "discipline", "学科建设"
        SERVICE = "service", "便民服务"
        DIGITAL = "digital", "信息化"
        ALLIANCE = "alliance", "医联体/医共体"
        RESEARCH = "research", "科研教学"
        PUBLIC_HEALTH = "public_health", "公共卫生"
        OTHER = "other", "其他"

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="initiatives", verbose_name="医院"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="initiatives", verbose_name="文章"
    )
    name = models.CharField("名称", max_length=100)
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    description = models.TextField("说明", blank=True)
    evidence = models.TextField("依据", blank=True)
    span_start = models.PositiveIntegerField("依据起点", null=True, blank=True)
    span_end = models.PositiveIntegerField("依据终点", null=True, blank=True)

    class Meta:
        verbose_name = "举措"
        verbose_name_plural = verbose_name
        ordering = ["category", "name"]
        indexes = [
            # The initiatives page groups names by category and counts their hospitals.
            models.Index(fields=["category", "name", "hospital"], name="initiative_category_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return evidence_url(self.article.get_absolute_url(), self.span_start, self.span_end)


class Indicator(models.Model):
    """A canonical measure (门急诊人次, CMI, 门诊患者满意度…) that differently worded metrics link to."""

    class Domain(models.TextChoices):
        SCALE = "scale", "规模"
        QUALITY = "quality", "医疗质量"
        EFFICIENCY = "efficiency", "运营效率"
        SUSTAINABILITY = "sustainability", "持续发展"
        SATISFACTION = "satisfaction", "满意度"
        PARTY = "party", "党建"
        OTHER = "other", "其他"

    class Direction(models.TextChoices):
        HIGHER = "higher", "越高越好"
        LOWER = "lower", "越低越好"

    name = models.CharField("名称", max_length=50, unique=True)
    slug = models.SlugField("网址标识", max_length=80, unique=True)
    domain = models.CharField("领域", max_length=20, choices=Domain.choices, default=Domain.OTHER)
    unit = models.CharField("单位", max_length=20, blank=True, help_text="比较时各医院的数值都换算到这个单位")
    direction = models.CharField(
        "方向", max_length=10, choices=Direction.choices, blank=True, help_text="留空表示无所谓好坏"
    )
    description = models.TextField("说明", blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "标准指标"
        verbose_name_plural = verbose_name
        ordering = ["domain", "position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("hospitals:indicator", args=[self.slug])


class IndicatorSynonym(models.Model):
    """Another name a metric may carry for an indicator; the linker matches names against these."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="synonyms", verbose_name="标准指标"
    )
    name = models.CharField("同义名称", max_length=100, unique=True)

    class Meta:
        verbose_name = "指标同义名称"
        verbose_name_plural = verbose_name
        ordering = ["name"]

    def __str__(self):
        return self.name


class SearchSynonym(models.Model):
    """Words a reader may use for one another (三甲 / 三级甲等): a search for any finds them all.

    `words` holds the set, separated by 、, commas or spaces."""

    words = models.CharField(
        "同义词组", max_length=200, unique=True, help_text="用顿号、逗号或空格分隔，如：三甲、三级甲等"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = verbose_name
        ordering = ["words"]

    def __str__(self):
        return self.words

    @property
    def word_list(self):
        return [w for w in re.split(r"[、，,;；\s]+", self.words) if w]


class ObservationQuerySet(models.QuerySet):
    def current(self):
        """Values as they stand: no targets or projections, no increments."""
        return self.filter(planned=False, kind="level")

    def with_sources(self, limit=10):
        """Prefetch `source_list`: the observation's metrics, newest article first, at most `limit`
        each, with only the article fields a list shows (never its body)."""
        sources = (
            Metric.objects.select_related("article")
            .only(
                "id",
                "observation_id",
                "evidence",
                "span_start",
                "span_end",
                "article_id",
                "article__slug",
                "article__title",
                "article__published_on",
            )
            .order_by(models.F("article__published_on").desc(nulls_last=True), "-article_id", "-id")
        )
        return self.prefetch_related(
            models.Prefetch("sources", queryset=sources[:limit], to_attr="source_list")
        )

    def newest_first(self):
        return self.order_by(
            models.F("year").desc(nulls_last=True),
            models.F("latest_published_on").desc(nulls_last=True),
            "-id",
        )


class Observation(models.Model):
    """One fact about a hospital however many articles report it: the metrics that state it
    (same indicator or name, value, unit, year) point here. Rebuilt from the metrics by
    hospitals/observations.py; never edited by hand."""

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="observations", verbose_name="医院"
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name="标准指标",
    )
    # The indicator's name when linked, else the metric's name.
    name = models.CharField("指标", max_length=100)
    # Linked observations hold the value in the indicator's unit.
    value = models.DecimalField("数值", max_digits=24, decimal_places=6)
    unit = models.CharField("单位", max_length=20, blank=True)
    qualifier = models.CharField("修饰", max_length=4, blank=True)
    from_value = models.DecimalField("原数值", max_digits=24, decimal_places=6, null=True, blank=True)
    kind = models.CharField("类型", max_length=10, default="level")
    # The last year the value covers; `years` > 1 for totals over several years (近三年).
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    years = models.PositiveSmallIntegerField("跨越年数", default=1)
    planned = models.BooleanField("计划值", default=False)
    source_count = models.PositiveIntegerField("来源文章数", default=0)
    latest_published_on = models.DateField("最新来源日期", null=True, blank=True)
    key = models.CharField("唯一键", max_length=250)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = "观测值"
        verbose_name_plural = verbose_name
        ordering = ["hospital", "name", "year"]
        constraints = [
            # One row per fact; rebuild_observations matches rows by this key.
            models.UniqueConstraint(fields=["hospital", "key"], name="observation_unique_hospital_key"),
        ]
        indexes = [
            # Indicator pages: every hospital's observations of one indicator.
            models.Index(fields=["indicator", "hospital"]),
        ]

    def __str__(self):
        return f"{self.name} {self.display_value()}"

    def year_label(self):
        """ "2023", "2021-2023" for a multi-year total, or "" when the year is unknown."""
        if self.year is None:
            return ""
        if self.years > 1:
            return f"{self.year - self.years + 1}-{self.year}"
        return str(self.year)

    def display_value(self):
        def fmt(d):
            return format(d.normalize(), "f") if d is not None else ""

        text = f"{fmt(self.value)}{self.unit}"
        if self.qualifier in ("余", "多", "以上"):
            text = f"{fmt(self.value)}{self.qualifier}{self.unit}"
        elif self.qualifier:
            text = f"{self.qualifier}{text}"
        if self.from_value is not None:
            text = f"{fmt(self.from_value)}{self.unit} → {text}"
        return text


class Metric(ProvenanceMixin):
    class Qualifier(models.TextChoices):
        MORE_THAN = "余", "余"
        MANY = "多", "多"
        NEARLY = "近", "近"
        OVER = "超", "超"
        ABOUT = "约", "约"
        AT_LEAST = "以上", "以上"

    class Kind(models.TextChoices):
        LEVEL = "level", "数值"
        CHANGE = "change", "增减量"

    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="metrics", verbose_name="医院"
    )
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="metrics", verbose_name="文章"
    )
    name = models.CharField("指标", max_length=100)
    value = models.DecimalField("数值", max_digits=20, decimal_places=4)
    unit = models.CharField("单位", max_length=20, blank=True)
    qualifier = models.CharField("修饰", max_length=4, choices=Qualifier.choices, blank=True)
    from_value = models.DecimalField("原数值", max_digits=20, decimal_places=4, null=True, blank=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.LEVEL)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)
    period = models.CharField("时期", max_length=30, blank=True)
    evidence = models.TextField("依据")
    span_start = models.PositiveIntegerField("依据起点", null=True, blank=True)
    span_end = models.PositiveIntegerField("依据终点", null=True, blank=True)
    planned = models.BooleanField("计划值", default=False, help_text="目标或预计值，不作为现值显示")
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metrics",
        verbose_name="标准指标",
    )
    observation = models.ForeignKey(
        Observation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="sources",
        verbose_name="观测值",
    )

    class Meta:
        verbose_name = "指标"
        verbose_name_plural = verbose_name
        ordering = ["hospital", "name"]
        indexes = [
            # The compare page groups every hospital's value of one metric name.
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return f"{self.name} {self.display_value()}"

    def get_absolute_url(self):
        return evidence_url(self.article.get_absolute_url(), self.span_start, self.span_end)

    def display_value(self):
        def fmt(d):
            return format(d.normalize(), "f") if d is not None else ""

        text = f"{fmt(self.value)}{self.unit}"
        if self.qualifier in ("余", "多", "以上"):
            text = f"{fmt(self.value)}{self.qualifier}{self.unit}"
        elif self.qualifier:
            text = f"{self.qualifier}{text}"
        if self.from_value is not None:
            text = f"{fmt(self.from_value)}{self.unit} → {text}"
        return text


class SuppressedFact(models.Model):
    """An importer fact an admin deleted or rewrote: re-importing its article must not bring it back.

    Matched on (article, hospital, kind, key); `key` is `SuppressedFact.key_for(...)` of the
    importer's version of the fact.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "人物"
        INITIATIVE = "initiative", "举措"
        METRIC = "metric", "指标"
        MENTION = "mention", "文章中的医院"

    class Reason(models.TextChoices):
        DELETED = "deleted", "管理员删除"
        EDITED = "edited", "管理员修改"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name="文章")
    hospital = models.ForeignKey(
        Hospital, on_delete=models.CASCADE, related_name="suppressed_facts", verbose_name="医院"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    key = models.CharField("内容", max_length=160)
    reason = models.CharField("原因", max_length=10, choices=Reason.choices, default=Reason.DELETED)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "已屏蔽的导入事实"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]
        constraints = [
            # save_extraction looks facts up by this tuple.
            models.UniqueConstraint(
                fields=["article", "hospital", "kind", "key"], name="suppressed_unique_fact"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.key}"

    @staticmethod
    def key_for(kind, name="", value=None):
        """The identity of a fact as the importer writes it (metrics: name plus value)."""
        if kind == SuppressedFact.Kind.METRIC and value is not None:
            return f"{name}={format(Decimal(str(value)).normalize(), 'f')}"[:160]
        return (name or "")[:160]

    @classmethod
    def remember(cls, fact, reason=Reason.DELETED):
        """Record that the importer's `fact` (Person, Initiative, Metric or Mention) is gone for good.

        Admin-made facts need no record: the importer never wrote them. Returns the record or None.
        """
        if getattr(fact, "origin", Origin.IMPORTER) != Origin.IMPORTER:
            return None
        kind = fact._meta.model_name
        if kind == "mention":
            key = ""
        else:
            key = cls.key_for(kind, fact.name, getattr(fact, "value", None))
        record, _ = cls.objects.get_or_create(
            article_id=fact.article_id,
            hospital_id=fact.hospital_id,
            kind=kind,
            key=key,
            defaults={"reason": reason},
        )
        return record


class SuppressedHospital(models.Model):
    """A hospital name an admin deleted: re-import does not create a hospital by this name again.

    A hospital that exists under the name (or an alias) still wins, so re-creating it by hand undoes this.
    """

    name = models.CharField("名称", max_length=100, unique=True)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "已删除的医院"
        verbose_name_plural = verbose_name
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def remember(cls, hospital):
        """Record the name and aliases of `hospital` (about to be deleted by an admin)."""
        names = {hospital.name, *hospital.aliases.values_list("name", flat=True)}
        for name in names:
            cls.objects.get_or_create(name=name[:100])
