from django.contrib import admin

from .models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person

PROVENANCE = ["origin", "admin_edited"]


class FactAdmin(admin.ModelAdmin):
    """Shared options: provenance is shown, never typed by hand."""

    readonly_fields = PROVENANCE
    list_select_related = ["hospital", "article"]
    autocomplete_fields = ["hospital", "article"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.admin_edited = True
        else:
            obj.origin = "admin"
        super().save_model(request, obj, form, change)


class AliasInline(admin.TabularInline):
    model = HospitalAlias
    extra = 0


class PersonInline(admin.TabularInline):
    model = Person
    extra = 0
    fields = ["name", "titles", "article", *PROVENANCE]
    readonly_fields = PROVENANCE
    autocomplete_fields = ["article"]


class MetricInline(admin.TabularInline):
    model = Metric
    extra = 0
    fields = ["name", "value", "unit", "qualifier", "from_value", "year", "article", "evidence", *PROVENANCE]
    readonly_fields = ["evidence", *PROVENANCE]
    autocomplete_fields = ["article"]


class InitiativeInline(admin.TabularInline):
    model = Initiative
    extra = 0
    fields = ["name", "category", "article", "evidence", *PROVENANCE]
    readonly_fields = ["evidence", *PROVENANCE]
    autocomplete_fields = ["article"]


@admin.register(Hospital)
class HospitalAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "city", "county", "category", "level", "founded_year"]
    list_filter = ["province", "category", "level"]
    search_fields = ["name", "aliases__name", "city", "county"]
    readonly_fields = PROVENANCE
    inlines = [AliasInline, PersonInline, MetricInline, InitiativeInline]


@admin.register(HospitalAlias)
class HospitalAliasAdmin(admin.ModelAdmin):
    list_display = ["name", "hospital"]
    search_fields = ["name", "hospital__name"]
    autocomplete_fields = ["hospital"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["hospital", "article", "role"]
    list_filter = ["role"]
    search_fields = ["hospital__name", "article__title"]
    autocomplete_fields = ["hospital", "article"]
    list_select_related = ["hospital", "article"]


@admin.register(Person)
class PersonAdmin(FactAdmin):
    list_display = ["name", "title", "hospital", "article", "origin"]
    search_fields = ["name", "hospital__name"]
    list_filter = ["origin"]


@admin.register(Metric)
class MetricAdmin(FactAdmin):
    list_display = ["name", "display_value", "hospital", "year", "article", "origin"]
    list_filter = ["unit", "origin", "kind"]
    search_fields = ["name", "evidence", "hospital__name"]
    readonly_fields = ["evidence", "span_start", "span_end", *PROVENANCE]


@admin.register(Initiative)
class InitiativeAdmin(FactAdmin):
    list_display = ["name", "category", "hospital", "article", "origin"]
    list_filter = ["category", "origin"]
    search_fields = ["name", "description", "hospital__name"]
    readonly_fields = ["evidence", "span_start", "span_end", *PROVENANCE]
