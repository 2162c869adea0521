from django.contrib import admin

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publication", "published_on", "source_file", "part", "updated_at"]
    list_filter = ["publication", "published_on"]
    search_fields = ["title", "subtitle", "body"]
    date_hierarchy = "published_on"
    # What the importer read stays as it was read; corrections go into the cleaned fields.
    readonly_fields = ["raw_text", "source_file", "part", "content_hash", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "subtitle", "slug", "publication", "published_on", "authors"]}),
        ("正文", {"fields": ["sections", "captions", "body"]}),
        (
            "来源",
            {
                "classes": ["collapse"],
                "fields": ["source_file", "part", "content_hash", "raw_text", "created_at", "updated_at"],
            },
        ),
    ]
