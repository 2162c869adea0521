"""Admin for hospitals and their facts.

An admin's work must survive re-import (see hospitals/store.py): every change marks the fact
`admin_edited`, every addition has origin=admin, and deleting or rewriting an importer fact
leaves a SuppressedFact so the importer never writes it again.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from articles.paging import page_or_404
from articles.slugs import unique_slug

from .merge import merge_hospitals, pick_survivor
from .models import (
    Hospital,
    HospitalAlias,
    HospitalRedirect,
    Indicator,
    IndicatorSynonym,
    Initiative,
    Mention,
    Metric,
    Origin,
    Person,
    SearchSynonym,
    SuppressedFact,
    SuppressedHospital,
)
from .observations import relink

PROVENANCE = ["origin", "admin_edited"]
# Changing one of these turns the importer's fact into a different one; the original is suppressed.
IDENTITY_FIELDS = {"name", "value", "hospital", "article"}


def _record_admin_change(obj, changed_fields):
    """Mark an edited fact as the admin's and suppress the importer's original if its identity changed."""
    if not changed_fields:
        return
    if IDENTITY_FIELDS & set(changed_fields) and obj.origin == Origin.IMPORTER:
        original = type(obj).objects.filter(pk=obj.pk).first()
        if original is not None:
            SuppressedFact.remember(original, reason=SuppressedFact.Reason.EDITED)
    obj.admin_edited = True


@admin.display(description="文章")
def article_link(obj):
    article = obj.article
    if article is None:
        return "—"
    return format_html('<a href="{}" target="_blank">{}</a>', article.get_absolute_url(), article.title)


@admin.display(description="依据")
def evidence_text(obj):
    return obj.evidence or "—"


def _value_in_evidence(metric):
    digits = format(metric.value.normalize(), "f")
    return digits in metric.evidence.replace(",", "").replace("，", "")


class NeedsReviewFilter(admin.SimpleListFilter):
    """Facts worth a look, computed from what is stored (no confidence field)."""

    title = "待核对"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        names = {f.name for f in model_admin.model._meta.get_fields()}
        options = [("unreviewed", "导入后未经核对"), ("no_evidence", "缺少依据")]
        if "span_start" in names:
            options.append(("no_span", "依据未在正文中定位"))
        if "year" in names:
            options.append(("no_year", "缺少年份"))
            # Values the extractor converted (中文数字, 万) are where it errs most.
            options.append(("value_not_in_evidence", "数值未原样出现在依据中"))
        if "titles" in names:
            options.append(("no_title", "缺少职务"))
        return options

    def queryset(self, request, queryset):
        match self.value():
            case "unreviewed":
                return queryset.filter(origin=Origin.IMPORTER, admin_edited=False)
            case "no_evidence":
                return queryset.filter(evidence="")
            case "no_span":
                return queryset.filter(span_start__isnull=True)
            case "no_year":
                return queryset.filter(year__isnull=True)
            case "value_not_in_evidence":
                rows = queryset.only("pk", "value", "evidence")
                return queryset.filter(pk__in=[m.pk for m in rows if not _value_in_evidence(m)])
            case "no_title":
                return queryset.filter(titles=[])
        return queryset


class RemembersDeletions:
    """Admin deletions leave a tombstone, so re-importing an article never brings them back."""

    tombstone = SuppressedFact

    def delete_model(self, request, obj):
        self.tombstone.remember(obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        # One by one, so search drops each deleted document.
        for obj in queryset:
            self.tombstone.remember(obj)
            obj.delete()


class FactAdmin(RemembersDeletions, admin.ModelAdmin):
    """Shared options: provenance and evidence are shown, never typed by hand."""

    readonly_fields = [article_link, evidence_text, *PROVENANCE]
    exclude = ["evidence"]
    list_select_related = ["hospital", "article"]
    autocomplete_fields = ["hospital", "article"]
    list_filter = [NeedsReviewFilter, "origin", "admin_edited", "hospital__province"]
    search_fields = ["name", "evidence", "hospital__name", "hospital__aliases__name", "article__title"]
    actions = ["mark_reviewed"]

    def get_list_filter(self, request):
        # Filtering by article lists only articles that have such facts.
        return [*super().get_list_filter(request), ("article", admin.RelatedOnlyFieldListFilter)]

    def save_model(self, request, obj, form, change):
        if change:
            _record_admin_change(obj, form.changed_data)
        else:
            obj.origin = Origin.ADMIN
        super().save_model(request, obj, form, change)

    @admin.action(description="标记为已核对（重新导入时保留）", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = 0
        for obj in queryset.filter(admin_edited=False):
            obj.admin_edited = True
            obj.save(update_fields=["admin_edited"])
            count += 1
        self.message_user(request, f"已核对 {count} 条。")


class FactInline(admin.TabularInline):
    extra = 0
    autocomplete_fields = ["article"]
    readonly_fields = [evidence_text, *PROVENANCE]
    show_change_link = True


class AliasInline(admin.TabularInline):
    model = HospitalAlias
    extra = 0


class MentionInline(admin.TabularInline):
    """The hospital's articles. Links an admin adds or edits are kept through re-imports; a
    deleted or re-pointed importer link is not made again."""

    model = Mention
    extra = 0
    fields = ["article", "role", *PROVENANCE]
    readonly_fields = PROVENANCE
    autocomplete_fields = ["article"]


class PersonInline(FactInline):
    model = Person
    fields = ["name", "titles", "article", evidence_text, *PROVENANCE]


class MetricInline(FactInline):
    model = Metric
    fields = [
        "name",
        "value",
        "unit",
        "qualifier",
        "from_value",
        "kind",
        "year",
        "article",
        evidence_text,
        *PROVENANCE,
    ]


class InitiativeInline(FactInline):
    model = Initiative
    fields = ["name", "category", "article", evidence_text, *PROVENANCE]


@admin.register(Hospital)
class HospitalAdmin(RemembersDeletions, admin.ModelAdmin):
    tombstone = SuppressedHospital

    list_display = ["name", "province", "city", "county", "category", "level", "article_count", "origin"]
    list_filter = ["province", "category", "level", "origin", "admin_edited"]
    search_fields = ["name", "aliases__name", "province", "city", "county"]
    readonly_fields = PROVENANCE
    inlines = [AliasInline, MentionInline, PersonInline, MetricInline, InitiativeInline]
    actions = ["merge_selected"]
    fieldsets = [
        (
            None,
            {"fields": ["name", "slug", "province", "city", "county", "category", "level", "founded_year"]},
        ),
        ("来源", {"fields": PROVENANCE}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("mentions", distinct=True))

    @admin.display(description="文章数", ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    def save_model(self, request, obj, form, change):
        if not change:
            obj.origin = Origin.ADMIN
        elif form.changed_data:
            obj.admin_edited = True
        old_name = form.initial.get("name") if change else None
        super().save_model(request, obj, form, change)
        if old_name and old_name != obj.name:
            # The importer still finds the hospital by the name the articles use.
            HospitalAlias.objects.filter(hospital=obj, name=obj.name).delete()
            if not HospitalAlias.objects.filter(name=old_name).exists():
                HospitalAlias.objects.create(hospital=obj, name=old_name)

    def save_formset(self, request, form, formset, change):
        if formset.model not in (Person, Initiative, Metric, Mention):
            return super().save_formset(request, form, formset, change)
        # Before the save, while the database still holds the importer's originals.
        for f in formset.initial_forms:
            if f.has_changed() and not formset._should_delete_form(f):
                _record_admin_change(f.instance, f.changed_data)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            SuppressedFact.remember(obj)
            obj.delete()
        for obj in instances:
            if obj.pk is None:
                obj.origin = Origin.ADMIN
            obj.save()
        formset.save_m2m()

    def has_merge_permission(self, request):
        # Merging edits the record kept and deletes the others, for good. (An action's own list of
        # permissions is satisfied by any one of them, so both are checked here.)
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="合并所选医院（重复记录）", permissions=["merge"])
    def merge_selected(self, request, queryset):
        hospitals = list(queryset.order_by("pk"))
        if len(hospitals) < 2:
            self.message_user(request, "请至少选择两家医院。", level=messages.WARNING)
            return None
        if request.POST.get("post"):
            keep_id = request.POST.get("keep")
            keep = next((h for h in hospitals if str(h.pk) == keep_id), None) or pick_survivor(hospitals)
            names = merge_hospitals(keep, [h for h in hospitals if h.pk != keep.pk])
            self.message_user(request, f"已将 {'、'.join(names)} 合并到 {keep.name}。")
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "合并医院",
            "opts": self.model._meta,
            "hospitals": hospitals,
            "default_keep": pick_survivor(hospitals).pk,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/hospitals/hospital/merge.html", context)


@admin.register(HospitalAlias)
class HospitalAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital"]
    search_fields = ["name", "hospital__name"]
    autocomplete_fields = ["hospital"]
    list_select_related = ["hospital"]
    list_filter = ["hospital__province"]


@admin.register(Mention)
class MentionAdmin(RemembersDeletions, admin.ModelAdmin):
    """Which articles are about which hospitals. Edits and additions are the admin's and stay
    through re-imports; re-pointing an importer link to another hospital or article
    suppresses the original."""

    list_display = ["hospital", article_link, "role", "origin", "admin_edited"]
    list_filter = ["role", "origin", "admin_edited", "hospital__province"]
    search_fields = ["hospital__name", "article__title"]
    list_select_related = ["hospital", "article"]
    autocomplete_fields = ["hospital", "article"]
    fields = ["hospital", "article", "role", *PROVENANCE]
    readonly_fields = PROVENANCE

    def save_model(self, request, obj, form, change):
        if change:
            _record_admin_change(obj, form.changed_data)
        else:
            obj.origin = Origin.ADMIN
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(FactAdmin):
    list_display = ["name", "title", "hospital", article_link, "origin", "admin_edited"]
    search_fields = ["name", "titles", "evidence", "hospital__name", "hospital__aliases__name"]


@admin.register(Metric)
class MetricAdmin(FactAdmin):
    list_display = ["name", "display_value", "year", "hospital", article_link, "origin", "admin_edited"]
    list_filter = [NeedsReviewFilter, "kind", "origin", "admin_edited", "hospital__province"]
    readonly_fields = [article_link, evidence_text, "span_start", "span_end", *PROVENANCE]

    @admin.display(description="数值")
    def display_value(self, obj):
        return obj.display_value()


@admin.register(Initiative)
class InitiativeAdmin(FactAdmin):
    list_display = ["name", "category", "hospital", article_link, "origin", "admin_edited"]
    list_filter = [NeedsReviewFilter, "category", "origin", "admin_edited", "hospital__province"]
    search_fields = ["name", "description", "evidence", "hospital__name", "hospital__aliases__name"]
    readonly_fields = [article_link, evidence_text, "span_start", "span_end", *PROVENANCE]


@admin.register(SuppressedFact)
class SuppressedFactAdmin(admin.ModelAdmin):
    """Deleting a record here lets the importer write that fact again on the next re-import."""

    list_display = ["key", "kind", "hospital", article_link, "reason", "created_at"]
    list_filter = ["kind", "reason"]
    search_fields = ["key", "hospital__name", "article__title"]
    list_select_related = ["hospital", "article"]
    readonly_fields = ["article", "hospital", "kind", "key", "reason", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(SuppressedHospital)
class SuppressedHospitalAdmin(admin.ModelAdmin):
    """Deleting a name here lets the importer create that hospital again."""

    list_display = ["name", "created_at"]
    search_fields = ["name"]
    readonly_fields = ["name", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(HospitalRedirect)
class HospitalRedirectAdmin(admin.ModelAdmin):
    """Old profile addresses (merged records, edited slugs). Deleting one makes that address 404."""

    list_display = ["old_slug", "hospital", "created_at"]
    search_fields = ["old_slug", "hospital__name"]
    autocomplete_fields = ["hospital"]
    readonly_fields = ["created_at"]


# Indicators: canonical measures, their synonyms, and the metric names nothing links yet.


class IndicatorSynonymInline(admin.TabularInline):
    model = IndicatorSynonym
    extra = 1


class LinkNameForm(forms.Form):
    name = forms.CharField(label="指标名称", max_length=100)
    indicator = forms.ModelChoiceField(label="标准指标", queryset=Indicator.objects.all())


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Editing names or synonyms links the stored metrics again; the unlinked-names page turns a
    frequent free-text name into a synonym."""

    list_display = ["name", "domain", "unit", "direction", "synonym_count", "metric_count"]
    list_filter = ["domain", "direction"]
    search_fields = ["name", "slug", "synonyms__name"]
    fields = ["name", "slug", "domain", "unit", "direction", "description", "position"]
    inlines = [IndicatorSynonymInline]
    unlinked_per_page = 50

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                synonym_total=Count("synonyms", distinct=True), metric_total=Count("metrics", distinct=True)
            )
        )

    @admin.display(description="同义名称数", ordering="synonym_total")
    def synonym_count(self, obj):
        return obj.synonym_total

    @admin.display(description="关联指标数", ordering="metric_total")
    def metric_count(self, obj):
        return obj.metric_total

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "slug" in form.base_fields:
            form.base_fields["slug"].required = False
            form.base_fields["slug"].help_text = "留空则按名称拼音生成"
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = unique_slug(Indicator, obj.name)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if {"name", "unit"} & set(form.changed_data) or any(f.has_changed() for f in formsets):
            changed = relink()
            if changed:
                self.message_user(request, f"已按新的名称重新关联 {changed} 条指标。")

    def get_urls(self):
        view = self.admin_site.admin_view(self.unlinked_view)
        return [path("unlinked/", view, name="hospitals_indicator_unlinked"), *super().get_urls()]

    def unlinked_view(self, request):
        """Metric names no indicator covers, most frequent first; linking one makes it a synonym."""
        if not request.user.has_perm("hospitals.view_metric"):
            raise PermissionDenied
        can_link = request.user.has_perm("hospitals.change_metric") and request.user.has_perm(
            "hospitals.add_indicatorsynonym"
        )
        if request.method == "POST":
            if not can_link:
                raise PermissionDenied
            self._link_name(request, LinkNameForm(request.POST))
            return redirect(request.get_full_path())
        query = request.GET.get("q", "").strip()[:50]
        names = Metric.objects.filter(indicator__isnull=True)
        if query:
            names = names.filter(name__icontains=query)
        names = (
            names.values("name")
            .annotate(total=Count("id"), hospitals=Count("hospital", distinct=True), unit=Max("unit"))
            .order_by("-total", "name")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "未关联的指标名称",
            "opts": self.model._meta,
            "page": page_or_404(request, names, self.unlinked_per_page),
            "query": query,
            "can_link": can_link,
            "indicators": Indicator.objects.only("pk", "name", "unit").order_by("name"),
        }
        return TemplateResponse(request, "admin/hospitals/indicator/unlinked.html", context)

    def _link_name(self, request, form):
        if not form.is_valid():
            self.message_user(request, "请选择一个标准指标。", level=messages.ERROR)
            return
        name, indicator = form.cleaned_data["name"].strip(), form.cleaned_data["indicator"]
        taken = IndicatorSynonym.objects.filter(name=name).exclude(indicator=indicator).first()
        if taken is not None or Indicator.objects.filter(name=name).exclude(pk=indicator.pk).exists():
            owner = taken.indicator if taken is not None else name
            self.message_user(request, f"“{name}”已是“{owner}”的名称，未修改。", level=messages.ERROR)
            return
        if name != indicator.name:
            IndicatorSynonym.objects.get_or_create(name=name, defaults={"indicator": indicator})
        relink(Metric.objects.filter(name=name))
        linked = Metric.objects.filter(name=name, indicator=indicator).count()
        left = Metric.objects.filter(name=name, indicator__isnull=True).count()
        text = f"已将“{name}”关联到“{indicator.name}”：{linked} 条指标"
        if left:
            text += f"；{left} 条因单位不符仍未关联"
        self.message_user(request, text + "。")


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    list_display = ("words", "updated_at")
    search_fields = ("words",)
