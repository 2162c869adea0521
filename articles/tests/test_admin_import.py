"""The admin's 从文本导入 page: each effect of an import needs its permission, and an oversize upload
is refused while it streams in, never read whole into memory."""

from pathlib import Path

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from articles.importer import import_text
from articles.models import Article
from hospitals.models import Hospital, HospitalAlias, Initiative, Mention, Metric, Person

DATA = Path(__file__).resolve().parent / "data"
# Written for the test suite (not seeds); each names a hospital and facts about it.
TEXT = (DATA / "unseen_hebei_annual.txt").read_text(encoding="utf-8")
OTHER_TEXT = (DATA / "unseen_sichuan_feature.txt").read_text(encoding="utf-8")

EXTRACTED_ADDS = [
    f"add_{name}" for name in ("hospital", "hospitalalias", "mention", "person", "initiative", "metric")
]
URL = reverse("admin:articles_article_import")
BOUNDARY = "hf-test-boundary"


def staff(username, *codenames):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def snapshot():
    rows = {"articles": sorted(Article.objects.values_list("source_file", "part", "content_hash", "title"))}
    for model in (Hospital, HospitalAlias, Mention, Person, Initiative, Metric):
        rows[model.__name__] = sorted(model.objects.values_list("pk", flat=True))
    return rows


class ImportPermissionTests(TestCase):
    def login(self, *codenames):
        self.client.force_login(staff(f"editor{User.objects.count()}", "view_article", *codenames))

    def paste(self, name, text, **extra):
        return self.client.post(URL, {"name": name, "text": text, **extra})

    def test_without_add_permission_the_page_is_refused_and_not_linked(self):
        self.login()
        self.assertEqual(self.client.get(URL).status_code, 403)
        self.assertEqual(self.paste("new.txt", TEXT).status_code, 403)
        self.assertFalse(Article.objects.exists())
        changelist = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertEqual(changelist.status_code, 200)
        self.assertNotContains(changelist, URL)

    def test_adding_a_new_file_needs_add_on_articles_and_on_what_extraction_creates(self):
        self.login("add_article")
        refused = self.paste("new.txt", TEXT)
        self.assertContains(refused, "导入结果：失败")
        self.assertContains(refused, "没有新增医院")
        self.assertFalse(Article.objects.exists())
        self.assertFalse(Hospital.objects.exists())
        self.login("add_article", *EXTRACTED_ADDS)
        self.assertContains(self.paste("new.txt", TEXT), "导入结果：新建")
        self.assertTrue(Metric.objects.filter(article__source_file="new.txt").exists())

    def test_updating_an_article_under_the_same_file_name_needs_change_permission(self):
        import_text("report.txt", TEXT)
        before = snapshot()
        self.login("add_article", *EXTRACTED_ADDS)
        refused = self.paste("report.txt", OTHER_TEXT)
        self.assertContains(refused, "导入结果：失败")
        self.assertContains(refused, "没有修改文章的权限")
        self.assertEqual(snapshot(), before)
        self.login("add_article", "change_article", *EXTRACTED_ADDS)
        self.assertContains(self.paste("report.txt", OTHER_TEXT), "导入结果：更新")
        self.assertNotEqual(snapshot()["articles"], before["articles"])

    def test_removing_leftover_parts_of_a_file_needs_delete_permission(self):
        import_text("page.txt", TEXT)
        first = Article.objects.get(source_file="page.txt")
        for part in (1, 2):  # a page that was cut into three items when it was imported before
            Article.objects.create(
                source_file="page.txt",
                part=part,
                slug=f"page-part-{part}",
                title=f"短讯{part}",
                content_hash="x",
            )
        before = snapshot()
        self.login("add_article", "change_article", *EXTRACTED_ADDS)
        refused = self.paste("page.txt", OTHER_TEXT)
        self.assertContains(refused, "没有删除文章的权限")
        self.assertContains(refused, "2 篇")
        self.assertEqual(snapshot(), before)
        self.login("add_article", "change_article", "delete_article", *EXTRACTED_ADDS)
        self.assertContains(self.paste("page.txt", OTHER_TEXT), "导入结果：更新")
        self.assertEqual(
            list(Article.objects.filter(source_file="page.txt").values_list("pk", flat=True)), [first.pk]
        )

    def test_an_unchanged_file_needs_nothing_more_than_the_page(self):
        import_text("report.txt", TEXT)
        self.login("add_article")
        self.assertContains(self.paste("report.txt", TEXT), "导入结果：未变")

    def test_the_page_still_checks_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
        self.assertEqual(client.post(URL, {"name": "new.txt", "text": TEXT}).status_code, 403)
        self.assertFalse(Article.objects.exists())
        page = client.get(URL)
        token = page.context["csrf_token"]
        response = client.post(URL, {"name": "new.txt", "text": TEXT, "csrfmiddlewaretoken": str(token)})
        self.assertContains(response, "导入结果：新建")


# --- upload size ----------------------------------------------------------------------------------


class CountingStream:
    """A request body made on demand (`head`, `size` filler bytes, `tail`) that counts what is read."""

    def __init__(self, head, size, tail):
        self.head, self.size, self.tail = head, size, tail
        self.length = len(head) + size + len(tail)
        self.read_bytes = 0

    def read(self, size=-1):
        start = self.read_bytes
        end = self.length if size is None or size < 0 else min(self.length, start + size)
        body_start, body_end = len(self.head), len(self.head) + self.size
        filler = max(0, min(end, body_end) - max(start, body_start))
        data = (
            self.head[start:end]
            + b"x" * filler
            + self.tail[max(0, start - body_end) : max(0, end - body_end)]
        )
        self.read_bytes = end
        return data

    # WSGI input must have it; the multipart parser only ever reads in chunks.
    readline = read


def multipart_stream(file_size):
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbig.txt\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    stream = CountingStream(head, file_size, tail)
    return stream, stream.length


class RecordingHandler(FileUploadHandler):
    """Stands in front of Django's own handlers and notes how many bytes of each file reach them."""

    seen = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        RecordingHandler.seen.append(0)

    def receive_data_chunk(self, raw_data, start):
        RecordingHandler.seen[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


RECORDING_HANDLERS = [
    "articles.tests.test_admin_import.RecordingHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]


class UploadSizeTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
        RecordingHandler.seen = []

    def test_an_oversize_upload_is_refused_by_its_declared_length_without_reading_it(self):
        stream, length = multipart_stream(80 * 1024 * 1024)
        response = self.client.post(
            URL,
            **{
                "wsgi.input": stream,
                "CONTENT_LENGTH": str(length),
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )
        self.assertEqual(response.status_code, 413)
        self.assertContains(response, "文件太大", status_code=413)
        self.assertEqual(stream.read_bytes, 0)
        self.assertFalse(Article.objects.exists())

    @override_settings(ARTICLE_MAX_BYTES=256 * 1024, FILE_UPLOAD_HANDLERS=RECORDING_HANDLERS)
    def test_a_file_passing_the_limit_while_it_streams_is_dropped_there(self):
        # Declared length within the limit plus the form's overhead, but the file itself is over it.
        stream, length = multipart_stream(256 * 1024 + 32 * 1024)
        response = self.client.post(
            URL,
            **{
                "wsgi.input": stream,
                "CONTENT_LENGTH": str(length),
                "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )
        self.assertContains(response, "文件太大")
        self.assertEqual(len(RecordingHandler.seen), 1)
        # Django's handlers got no more than the limit: the chunk that passed it went no further.
        self.assertLessEqual(RecordingHandler.seen[0], 256 * 1024)
        self.assertFalse(Article.objects.exists())

    @override_settings(ARTICLE_MAX_BYTES=256 * 1024, FILE_UPLOAD_HANDLERS=RECORDING_HANDLERS)
    def test_a_file_within_the_limit_is_imported(self):
        upload = SimpleUploadedFile("report.txt", TEXT.encode(), content_type="text/plain")
        self.assertContains(self.client.post(URL, {"file": upload}), "导入结果：新建")
        self.assertEqual(RecordingHandler.seen, [len(TEXT.encode())])

    @override_settings(ARTICLE_MAX_BYTES=64 * 1024)
    def test_pasted_text_over_the_limit_is_refused(self):
        response = self.client.post(URL, {"name": "long.txt", "text": TEXT + "医" * 30_000})
        self.assertContains(response, "文件太大")
        self.assertFalse(Article.objects.exists())
