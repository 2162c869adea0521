from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from .importer import import_text, import_upload
from .models import Article

STATUS_LABELS = {"created": "新建", "updated": "更新", "unchanged": "未变", "failed": "失败"}


class ImportForm(forms.Form):
    name = forms.CharField(
        label="文件名",
        max_length=255,
        required=False,
        help_text="粘贴文本时必填，如 2024-05-人民医院.txt；同名文件再次导入会更新原文章。上传文件时默认用文件的名称。",
    )
    text = forms.CharField(
        label="文本", widget=forms.Textarea(attrs={"rows": 20, "cols": 100}), required=False
    )
    file = forms.FileField(label="文件", required=False, help_text=".txt、.md 或 .html")
    force = forms.BooleanField(label="内容未变也重新导入", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("请粘贴文本或选择文件。")
        if data.get("text", "").strip() and data.get("file"):
            raise forms.ValidationError("粘贴文本和上传文件只能选一种。")
        if data.get("text", "").strip() and not data.get("name", "").strip():
            self.add_error("name", "粘贴文本时请填写文件名。")
        return data

    def run(self):
        """Import the pasted text or uploaded file; returns the importer's FileResult."""
        data = self.cleaned_data
        force = data["force"]
        upload = data.get("file")
        if upload:
            return import_upload(data["name"].strip() or upload.name, upload.read(), force=force)
        return import_text(data["name"].strip(), data["text"], force=force)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "publication", "published_on", "source_file", "part", "updated_at"]
    list_filter = ["publication", "published_on"]
    search_fields = ["title", "subtitle", "body", "source_file"]
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

    actions = ["reimport_selected"]

    @admin.action(description="重新导入所选文章（重新识别事实，保留管理员的修改）")
    def reimport_selected(self, request, queryset):
        # Items cut from one print page share the file's text: import each file once.
        files = dict(queryset.values_list("source_file", "raw_text"))
        results = [import_text(name, raw, force=True) for name, raw in sorted(files.items())]
        failed = [r for r in results if r.status == "failed"]
        self.message_user(request, f"已重新导入 {len(results) - len(failed)} 个文件。")
        for result in failed:
            self.message_user(request, f"{result.path}：{result.message}", level=messages.ERROR)

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", view, name=f"{opts.app_label}_{opts.model_name}_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Paste or upload an article and run it through the same import as the command."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        result = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                result = form.run()
                if result.status != "failed":
                    form = ImportForm()
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": "从文本导入文章",
            "opts": self.model._meta,
            "form": form,
            "result": result,
            "status_label": STATUS_LABELS.get(result.status, "") if result else "",
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)
