from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .importer import STATUS_LABELS, ImportFileError, import_text, import_upload
from .models import Article

# Room for the import form's other fields and the multipart headers around the file.
UPLOAD_OVERHEAD_BYTES = 64 * 1024

# What an import writes besides articles: fact extraction (hospitals.store) adds hospitals, their
# aliases, article links, people, initiatives and metrics.
EXTRACTED_MODELS = [
    "hospitals.Hospital",
    "hospitals.HospitalAlias",
    "hospitals.Mention",
    "hospitals.Person",
    "hospitals.Initiative",
    "hospitals.Metric",
]


def _has_perm(user, action, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")


def import_refusal(user, existing_parts, new_parts):
    """Why `user` may not run an import that finds `existing_parts` stored and will store
    `new_parts` items, in a sentence; "" when every permission its effect needs is there."""
    if existing_parts and not _has_perm(user, "change", Article):
        return "没有修改文章的权限：这个文件名已经导入过，再次导入会更新已有的文章。"
    leftover = [part for part in existing_parts if part >= new_parts]
    if leftover and not _has_perm(user, "delete", Article):
        return f"没有删除文章的权限：这次导入会删除这个文件原有的 {len(leftover)} 篇多出的文章。"
    missing = [
        str(model._meta.verbose_name)
        for model in map(apps.get_model, EXTRACTED_MODELS)
        if not _has_perm(user, "add", model)
    ]
    if missing:
        return f"没有新增{'、'.join(missing)}的权限：导入会从文章中识别并新建这些记录。"
    return ""


def permission_check(user):
    """The importer's `check` hook: refuses, before anything is written, what `user` may not do."""

    def check(existing_parts, new_parts):
        refusal = import_refusal(user, existing_parts, new_parts)
        if refusal:
            raise ImportFileError(refusal)

    return check


def _too_big_message(limit):
    return f"文件太大（上限 {limit / 1024 / 1024:.0f} MB），未导入。"


class UploadLimit(FileUploadHandler):
    """First in the upload handler chain: passes a file's chunks on until the file passes `limit`
    bytes, then drops it, so at most `limit` bytes of it are ever stored in memory or on disk."""

    def __init__(self, request=None, limit=0):
        super().__init__(request)
        self.limit = limit
        self.received = 0
        self.exceeded = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the handlers after this one build the file


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

    def __init__(self, *args, oversize=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversize = oversize

    def clean(self):
        data = super().clean()
        limit = settings.ARTICLE_MAX_BYTES
        if self.oversize or len(data.get("text", "").encode("utf-8")) > limit:
            raise forms.ValidationError(_too_big_message(limit))
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError("请粘贴文本或选择文件。")
        if data.get("text", "").strip() and data.get("file"):
            raise forms.ValidationError("粘贴文本和上传文件只能选一种。")
        if data.get("text", "").strip() and not data.get("name", "").strip():
            self.add_error("name", "粘贴文本时请填写文件名。")
        return data

    def run(self, check=None):
        """Import the pasted text or uploaded file; returns the importer's FileResult."""
        data = self.cleaned_data
        force = data["force"]
        upload = data.get("file")
        if upload:
            name = data["name"].strip() or upload.name
            return import_upload(name, upload.read(), force=force, check=check)
        return import_text(data["name"].strip(), data["text"], force=force, check=check)


def _declared_size(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


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

    # Re-importing rewrites the selected articles; removing parts or adding facts is checked per
    # file by the importer's hook.
    @admin.action(description="重新导入所选文章（重新识别事实，保留管理员的修改）", permissions=["change"])
    def reimport_selected(self, request, queryset):
        # Items cut from one print page share the file's text: import each file once.
        files = dict(queryset.values_list("source_file", "raw_text"))
        check = permission_check(request.user)
        results = [import_text(name, raw, force=True, check=check) for name, raw in sorted(files.items())]
        failed = [r for r in results if r.status == "failed"]
        self.message_user(request, f"已重新导入 {len(results) - len(failed)} 个文件。")
        for result in failed:
            self.message_user(request, f"{result.path}：{result.message}", level=messages.ERROR)

    def get_urls(self):
        opts = self.model._meta
        # CSRF is checked inside the view, once the upload handlers are in place (reading the token
        # parses the body).
        view = self.admin_site.admin_view(csrf_exempt(self.import_view))
        return [
            path("import/", view, name=f"{opts.app_label}_{opts.model_name}_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Paste or upload an article and run it through the same import as the command."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        limit = settings.ARTICLE_MAX_BYTES
        if request.method == "POST" and _declared_size(request) > limit + UPLOAD_OVERHEAD_BYTES:
            # Refused on the declared length, before a byte of the body is read.
            return self._import_page(request, ImportForm(), refusal=_too_big_message(limit), status=413)
        guard = UploadLimit(request, limit)
        # Assigning (not inserting) raises if something has already parsed the body without it.
        request.upload_handlers = [guard, *request.upload_handlers]
        return csrf_protect(self._import_form)(request, guard)

    def _import_form(self, request, guard):
        result = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES, oversize=guard.exceeded)
            if form.is_valid():
                result = form.run(check=permission_check(request.user))
                if result.status != "failed":
                    form = ImportForm()
        else:
            form = ImportForm()
        return self._import_page(request, form, result=result)

    def _import_page(self, request, form, result=None, refusal="", status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": "从文本导入文章",
            "opts": self.model._meta,
            "form": form,
            "result": result,
            "refusal": refusal,
            "status_label": STATUS_LABELS.get(result.status, "") if result else "",
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context, status=status)
