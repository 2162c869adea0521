import tempfile
from decimal import Decimal
from pathlib import Path

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article
from hospitals.merge import merge_hospitals
from hospitals.models import (
    Hospital,
    HospitalAlias,
    Initiative,
    Mention,
    Metric,
    Origin,
    Person,
    SuppressedFact,
    SuppressedHospital,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = sorted(FIXTURES.glob("00?_*.txt"))


def form_data(response):
    """POST data for an admin change form as rendered, inline formsets included."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, forms.BooleanField):
                if value:
                    data[bound.html_name] = "on"
                continue
            data[bound.html_name] = "" if value is None else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def inline_prefix(response, model):
    """The form prefix of the inline formset for `model` and its forms keyed by instance pk."""
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.model is model:
            return formset.prefix, {f.instance.pk: f.prefix for f in formset.forms}
    raise AssertionError(f"no inline for {model}")


def busiest_hospital():
    """The hospital with the most metrics: a subject of a seed article, whatever its name."""
    return max(Hospital.objects.all(), key=lambda h: h.metrics.count())


def two_subject_hospitals():
    """Two hospitals that are the subject of some seed article, oldest first."""
    rows = Mention.objects.filter(role=Mention.Role.SUBJECT).select_related("hospital")
    subjects = sorted({m.hospital for m in rows}, key=lambda h: h.pk)
    return subjects[0], subjects[1]


class AdminTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin = User.objects.create_superuser("root", "root@example.com", "pw")
        report = import_paths([str(p) for p in SEEDS])
        assert report.ok, report.summary()

    def setUp(self):
        self.client.force_login(self.admin)

    def change_url(self, obj):
        return reverse(f"admin:hospitals_{obj._meta.model_name}_change", args=[obj.pk])

    def post_change(self, obj, **changes):
        url = self.change_url(obj)
        data = form_data(self.client.get(url))
        data.update(changes)
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and self._errors(response)
        )
        return response

    @staticmethod
    def _errors(response):
        errors = [response.context["adminform"].form.errors]
        errors += [inline.formset.errors for inline in response.context.get("inline_admin_formsets", [])]
        return errors


class AdminPagesTests(AdminTestCase):
    def test_every_changelist_and_change_form_renders_with_chinese_labels(self):
        SuppressedFact.remember(Metric.objects.first())
        SuppressedHospital.objects.create(name="某已删除医院")
        models = (Article, Hospital, HospitalAlias, Mention, Person, Initiative, Metric)
        for model in (*models, SuppressedFact, SuppressedHospital):
            opts = model._meta
            changelist = self.client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            self.assertContains(changelist, opts.verbose_name)
            obj = model.objects.first()
            change = self.client.get(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            )
            self.assertEqual(change.status_code, 200, opts.model_name)

    def test_fact_forms_show_evidence_and_provenance_read_only(self):
        metric = Metric.objects.exclude(evidence="").first()
        response = self.client.get(self.change_url(metric))
        self.assertContains(response, "依据")
        self.assertContains(response, metric.evidence)
        self.assertContains(response, "管理员已修改")
        self.assertContains(response, metric.article.get_absolute_url())
        self.assertNotIn("evidence", response.context["adminform"].form.fields)
        self.assertNotIn("origin", response.context["adminform"].form.fields)

    def test_the_hospital_form_has_inlines_for_aliases_people_metrics_and_initiatives(self):
        response = self.client.get(self.change_url(busiest_hospital()))
        models = {inline.formset.model for inline in response.context["inline_admin_formsets"]}
        self.assertTrue({HospitalAlias, Person, Metric, Initiative, Mention} <= models)

    def test_chinese_search_and_filters_narrow_the_lists(self):
        hospital = busiest_hospital()
        url = reverse("admin:hospitals_hospital_changelist")
        response = self.client.get(url, {"q": hospital.name})
        self.assertEqual(list(response.context["cl"].queryset), [hospital])
        response = self.client.get(url, {"province": hospital.province})
        self.assertIn(hospital, response.context["cl"].queryset)
        metrics = self.client.get(
            reverse("admin:hospitals_metric_changelist"), {"hospital__province": "无此省"}
        )
        self.assertEqual(metrics.context["cl"].result_count, 0)

    def test_the_review_filter_lists_metrics_without_a_year(self):
        url = reverse("admin:hospitals_metric_changelist")
        response = self.client.get(url, {"review": "no_year"})
        listed = set(response.context["cl"].queryset)
        self.assertTrue(listed)
        self.assertEqual(listed, set(Metric.objects.filter(year__isnull=True)))

    def test_the_review_filter_lists_metrics_whose_value_is_not_written_as_such_in_the_evidence(self):
        hospital = busiest_hospital()
        article = hospital.mentions.first().article
        spelled = Metric.objects.create(
            hospital=hospital,
            article=article,
            name="便民措施",
            value=Decimal("10"),
            evidence="十余项便民措施",
        )
        literal = Metric.objects.create(
            hospital=hospital, article=article, name="床位", value=Decimal("1200"), evidence="床位1,200张"
        )
        response = self.client.get(
            reverse("admin:hospitals_metric_changelist"), {"review": "value_not_in_evidence"}
        )
        listed = set(response.context["cl"].queryset)
        self.assertIn(spelled, listed)
        self.assertNotIn(literal, listed)

    def test_marking_facts_reviewed_keeps_them_through_a_reimport(self):
        metric = Metric.objects.first()
        self.client.post(
            reverse("admin:hospitals_metric_changelist"),
            {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [metric.pk]},
        )
        import_paths([str(p) for p in SEEDS], force=True)
        self.assertTrue(Metric.objects.get(pk=metric.pk).admin_edited)
        unreviewed = self.client.get(reverse("admin:hospitals_metric_changelist"), {"review": "unreviewed"})
        self.assertNotIn(metric, unreviewed.context["cl"].queryset)


class AdminImportTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
        self.url = reverse("admin:articles_article_import")

    def test_the_article_list_links_to_the_import_form(self):
        response = self.client.get(reverse("admin:articles_article_changelist"))
        self.assertContains(response, self.url)
        self.assertEqual(self.client.get(self.url).status_code, 200)

    def test_pasted_text_goes_through_the_same_import_as_the_command(self):
        text = SEEDS[0].read_text(encoding="utf-8")
        response = self.client.post(self.url, {"name": "pasted.txt", "text": text})
        self.assertContains(response, "导入结果：新建")
        article = Article.objects.get(source_file="pasted.txt")
        self.assertTrue(article.mentions.exists())
        self.assertTrue(Metric.objects.filter(article=article).exists())
        again = self.client.post(self.url, {"name": "pasted.txt", "text": text})
        self.assertContains(again, "导入结果：未变")
        forced = self.client.post(self.url, {"name": "pasted.txt", "text": text, "force": "on"})
        self.assertContains(forced, "导入结果：更新")
        self.assertEqual(Article.objects.filter(source_file="pasted.txt").count(), 1)

    def test_an_uploaded_file_is_imported_under_its_own_name(self):
        upload = SimpleUploadedFile(SEEDS[1].name, SEEDS[1].read_bytes(), content_type="text/plain")
        response = self.client.post(self.url, {"file": upload})
        self.assertContains(response, "导入结果：新建")
        self.assertTrue(Article.objects.filter(source_file=SEEDS[1].name).exists())

    def test_a_failed_import_says_why(self):
        response = self.client.post(self.url, {"name": "english.txt", "text": "Only English words here."})
        self.assertContains(response, "导入结果：失败")
        self.assertContains(response, "没有中文内容")
        self.assertFalse(Article.objects.exists())

    def test_pasted_text_needs_a_file_name(self):
        response = self.client.post(self.url, {"text": "医院正文"})
        self.assertFormError(response.context["form"], "name", "粘贴文本时请填写文件名。")


class ReimportKeepsAdminWorkTests(AdminTestCase):
    def reimport(self):
        report = import_paths([str(p) for p in SEEDS], force=True)
        self.assertEqual(report.count("updated"), len(SEEDS))

    def test_edits_additions_and_deletions_survive_a_forced_reimport(self):
        hospital = busiest_hospital()
        edited, deleted = list(hospital.metrics.order_by("pk")[:2])
        before = hospital.metrics.count()
        self.post_change(edited, value="4321")
        add = self.client.post(
            reverse("admin:hospitals_metric_add"),
            {
                "hospital": hospital.pk,
                "article": edited.article_id,
                "name": "管理员补充指标",
                "value": "7",
                "unit": "个",
                "kind": "level",
            },
        )
        self.assertEqual(add.status_code, 302)
        delete_url = reverse("admin:hospitals_metric_delete", args=[deleted.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 302)

        self.reimport()

        kept = Metric.objects.get(pk=edited.pk)
        self.assertEqual((kept.value, kept.admin_edited), (Decimal("4321"), True))
        self.assertEqual(
            Metric.objects.filter(article=edited.article, hospital=hospital, name=edited.name).count(), 1
        )
        added = Metric.objects.get(name="管理员补充指标")
        self.assertEqual(added.origin, Origin.ADMIN)
        self.assertFalse(
            Metric.objects.filter(
                article=deleted.article, hospital=hospital, name=deleted.name, value=deleted.value
            ).exists()
        )
        # Everything else the importer wrote is back: one deleted, one added.
        self.assertEqual(hospital.metrics.count(), before)

    def test_renaming_a_metric_suppresses_the_importers_original(self):
        metric = busiest_hospital().metrics.order_by("pk").first()
        self.post_change(metric, name="改过的指标名")
        self.reimport()
        self.assertEqual(Metric.objects.get(pk=metric.pk).name, "改过的指标名")
        self.assertFalse(
            Metric.objects.filter(article=metric.article, name=metric.name, value=metric.value).exists()
        )

    def test_inline_edits_on_the_hospital_form_are_kept_and_inline_deletions_stay_deleted(self):
        hospital = busiest_hospital()
        person = hospital.people.order_by("pk").first()
        initiative = hospital.initiatives.order_by("pk").first()
        url = self.change_url(hospital)
        response = self.client.get(url)
        data = form_data(response)
        people_prefix, people = inline_prefix(response, Person)
        data[f"{people[person.pk]}-titles"] = '["名誉院长"]'
        init_prefix, initiatives = inline_prefix(response, Initiative)
        data[f"{initiatives[initiative.pk]}-DELETE"] = "on"
        metric_prefix, _ = inline_prefix(response, Metric)
        total = int(data[f"{metric_prefix}-TOTAL_FORMS"])
        data[f"{metric_prefix}-TOTAL_FORMS"] = str(total + 1)
        data.update(
            {
                f"{metric_prefix}-{total}-name": "内联新增指标",
                f"{metric_prefix}-{total}-value": "3",
                f"{metric_prefix}-{total}-unit": "项",
                f"{metric_prefix}-{total}-kind": "level",
                f"{metric_prefix}-{total}-article": person.article_id,
                f"{metric_prefix}-{total}-hospital": hospital.pk,
            }
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, self._errors(response) if response.context else "")
        self.assertTrue(Person.objects.get(pk=person.pk).admin_edited)
        self.assertEqual(Metric.objects.get(name="内联新增指标").origin, Origin.ADMIN)

        self.reimport()

        self.assertEqual(Person.objects.get(pk=person.pk).titles, ["名誉院长"])
        self.assertEqual(Person.objects.filter(article=person.article, name=person.name).count(), 1)
        self.assertFalse(Initiative.objects.filter(article=initiative.article, name=initiative.name).exists())
        self.assertTrue(Metric.objects.filter(name="内联新增指标").exists())

    def test_a_renamed_hospital_keeps_its_new_name_and_is_still_found_by_the_old_one(self):
        hospital = busiest_hospital()
        old_name, count = hospital.name, Hospital.objects.count()
        self.post_change(hospital, name="管理员改的医院名")
        self.assertTrue(HospitalAlias.objects.filter(hospital=hospital, name=old_name).exists())

        self.reimport()

        hospital.refresh_from_db()
        self.assertEqual(hospital.name, "管理员改的医院名")
        self.assertEqual(Hospital.objects.count(), count)
        self.assertFalse(Hospital.objects.filter(name=old_name).exists())
        self.assertTrue(hospital.metrics.filter(origin=Origin.IMPORTER).exists())

    def test_a_deleted_article_link_does_not_come_back(self):
        mention = Mention.objects.filter(role=Mention.Role.MENTIONED).first()
        delete_url = reverse("admin:hospitals_mention_delete", args=[mention.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 302)

        self.reimport()

        self.assertFalse(Mention.objects.filter(article=mention.article, hospital=mention.hospital).exists())
        self.assertTrue(Mention.objects.filter(article=mention.article).exists())

    def test_a_hospital_deleted_in_the_admin_is_not_created_again(self):
        mentioned = Mention.objects.filter(role=Mention.Role.MENTIONED).select_related("hospital").first()
        hospital = mentioned.hospital
        names = {hospital.name, *hospital.aliases.values_list("name", flat=True)}
        delete_url = reverse("admin:hospitals_hospital_delete", args=[hospital.pk])
        self.assertEqual(self.client.post(delete_url, {"post": "yes"}).status_code, 302)
        self.assertEqual(set(SuppressedHospital.objects.values_list("name", flat=True)), names)

        self.reimport()

        self.assertFalse(Hospital.objects.filter(name__in=names).exists())
        self.assertFalse(HospitalAlias.objects.filter(name__in=names).exists())

    def test_the_reimport_action_reruns_extraction_and_keeps_admin_edits(self):
        metric = busiest_hospital().metrics.order_by("pk").first()
        self.post_change(metric, value="999")
        article = metric.article
        importer_made = set(Metric.objects.filter(article=article, admin_edited=False).values_list("pk"))
        response = self.client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "reimport_selected", ACTION_CHECKBOX_NAME: [article.pk]},
        )
        self.assertEqual(response.status_code, 302)
        remade = set(Metric.objects.filter(article=article, admin_edited=False).values_list("pk"))
        self.assertTrue(remade)
        self.assertFalse(remade & importer_made)
        self.assertEqual(Metric.objects.get(pk=metric.pk).value, Decimal("999"))
        self.assertTrue(Metric.objects.filter(article=article, origin=Origin.IMPORTER).exists())


class MergeTests(AdminTestCase):
    def test_the_merge_action_asks_which_hospital_to_keep(self):
        keep, other = two_subject_hospitals()
        response = self.client.post(
            reverse("admin:hospitals_hospital_changelist"),
            {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keep.pk, other.pk]},
        )
        self.assertContains(response, "选择要保留的医院")
        self.assertContains(response, other.name)

    def test_merged_hospitals_stay_merged_after_a_reimport(self):
        keep, other = two_subject_hospitals()
        other_name = other.name
        facts = keep.metrics.count() + other.metrics.count()
        response = self.client.post(
            reverse("admin:hospitals_hospital_changelist"),
            {
                "action": "merge_selected",
                ACTION_CHECKBOX_NAME: [keep.pk, other.pk],
                "keep": keep.pk,
                "post": "yes",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Hospital.objects.filter(pk=other.pk).exists())
        self.assertTrue(HospitalAlias.objects.filter(hospital=keep, name=other_name).exists())
        self.assertEqual(keep.metrics.count(), facts)
        count = Hospital.objects.count()

        import_paths([str(p) for p in SEEDS], force=True)

        self.assertEqual(Hospital.objects.count(), count)
        self.assertFalse(Hospital.objects.filter(name=other_name).exists())
        self.assertEqual(keep.metrics.count(), facts)

    def test_merging_keeps_one_link_per_article_and_prefers_the_subject_role(self):
        article = Article.objects.create(slug="m", title="合并", source_file="m.txt", content_hash="m")
        keep = Hospital.objects.create(name="甲医院", slug="jia")
        other = Hospital.objects.create(name="甲市医院", slug="jia-shi", province="某省")
        HospitalAlias.objects.create(hospital=other, name="甲市第一医院")
        Mention.objects.create(article=article, hospital=keep, role=Mention.Role.MENTIONED)
        Mention.objects.create(article=article, hospital=other, role=Mention.Role.SUBJECT)
        Person.objects.create(hospital=other, article=article, name="张三", titles=["院长"])

        self.assertEqual(merge_hospitals(keep, [other]), ["甲市医院"])

        keep.refresh_from_db()
        self.assertEqual(list(keep.mentions.values_list("role", flat=True)), [Mention.Role.SUBJECT])
        self.assertEqual(set(keep.aliases.values_list("name", flat=True)), {"甲市医院", "甲市第一医院"})
        self.assertEqual(keep.people.get().name, "张三")
        self.assertEqual(keep.province, "某省")


class SearchFreshnessTests(AdminTestCase):
    def setUp(self):
        super().setUp()
        from search import index, signals

        self.index, self.signals = index, signals
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        settings_override = override_settings(SEARCH_INDEX_DIR=Path(tmp.name) / "index")
        settings_override.enable()
        self.addCleanup(settings_override.disable)
        index.invalidate_dictionary()
        signals.discard_pending()
        self.addCleanup(index.close_searchers)
        self.addCleanup(index.invalidate_dictionary)
        index.rebuild(progress=False)

    def test_a_hospital_renamed_in_the_admin_is_shown_under_its_new_name(self):
        from search.query import search

        hospital = busiest_hospital()
        with self.captureOnCommitCallbacks(execute=True):
            self.post_change(hospital, name="新名称示范医院")
        hits = search("新名称示范医院", kind="hospital").hits
        self.assertEqual([h.title for h in hits][:1], ["新名称示范医院"])
        old = search(hospital.name, kind="hospital").hits
        self.assertNotIn(hospital.name, [h.title for h in old])

    def test_a_metric_deleted_in_the_admin_disappears_from_search(self):
        from search.query import search

        # A fact's address is its evidence sentence, which several facts may share: take one whose
        # sentence is its own, so that its address leaving the results means it left.
        metric = next(
            m
            for m in Metric.objects.exclude(evidence="").order_by("pk")
            if not Metric.objects.filter(article=m.article, span_start=m.span_start).exclude(pk=m.pk).exists()
        )
        url = metric.get_absolute_url()
        term = metric.name
        self.assertIn(url, [h.url for h in search(term, kind="metric", per_page=100).hits])
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("admin:hospitals_metric_delete", args=[metric.pk]), {"post": "yes"})
        self.assertNotIn(url, [h.url for h in search(term, kind="metric", per_page=100).hits])

    def test_merged_hospitals_leave_one_search_result(self):
        from search.query import search

        keep, other = two_subject_hospitals()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                reverse("admin:hospitals_hospital_changelist"),
                {
                    "action": "merge_selected",
                    ACTION_CHECKBOX_NAME: [keep.pk, other.pk],
                    "keep": keep.pk,
                    "post": "yes",
                },
            )
        titles = [h.title for h in search(other.name, kind="hospital").hits]
        self.assertIn(keep.name, titles)
        self.assertNotIn(other.name, titles)


def test_a_metric_tombstone_key_ignores_trailing_zeros_of_the_stored_value():
    stored = SuppressedFact.key_for("metric", "床位", Decimal("1200.0000"))
    assert stored == SuppressedFact.key_for("metric", "床位", Decimal("1200")) == "床位=1200"
    assert SuppressedFact.key_for("person", "张三") == "张三"


class MentionEditingTests(AdminTestCase):
    """Article links (报道对象/提及) are editable, and re-imports respect the edits."""

    def reimport(self):
        report = import_paths([str(p) for p in SEEDS], force=True)
        self.assertEqual(report.count("updated"), len(SEEDS))

    def test_a_changed_role_is_kept_through_a_forced_reimport(self):
        mention = Mention.objects.filter(role=Mention.Role.SUBJECT).order_by("pk").first()
        self.post_change(mention, role=Mention.Role.MENTIONED)
        self.reimport()
        kept = Mention.objects.get(article=mention.article, hospital=mention.hospital)
        self.assertEqual((kept.role, kept.admin_edited), (Mention.Role.MENTIONED, True))

    def test_a_link_added_by_an_admin_stays_and_is_not_duplicated(self):
        first, second = two_subject_hospitals()
        article = Mention.objects.filter(hospital=first, role=Mention.Role.SUBJECT).first().article
        self.assertFalse(Mention.objects.filter(article=article, hospital=second).exists())
        add = self.client.post(
            reverse("admin:hospitals_mention_add"),
            {"hospital": second.pk, "article": article.pk, "role": Mention.Role.MENTIONED},
        )
        self.assertEqual(add.status_code, 302)
        self.reimport()
        link = Mention.objects.get(article=article, hospital=second)
        self.assertEqual(link.origin, Origin.ADMIN)
        self.assertEqual(Mention.objects.filter(article=article, hospital=first).count(), 1)

    def test_repointing_a_link_to_another_hospital_suppresses_the_importers_original(self):
        first, second = two_subject_hospitals()
        mention = Mention.objects.filter(hospital=first, role=Mention.Role.SUBJECT).order_by("pk").first()
        self.post_change(mention, hospital=second.pk)
        self.reimport()
        self.assertTrue(Mention.objects.filter(article=mention.article, hospital=second).exists())
        self.assertFalse(Mention.objects.filter(article=mention.article, hospital=first).exists())

    def test_the_hospital_form_edits_and_adds_links_inline(self):
        first, second = two_subject_hospitals()
        url = self.change_url(second)
        response = self.client.get(url)
        data = form_data(response)
        prefix, links = inline_prefix(response, Mention)
        own = second.mentions.order_by("pk").first()
        data[f"{links[own.pk]}-role"] = Mention.Role.MENTIONED
        other_article = first.mentions.exclude(article__in=second.articles.all()).first().article
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        data.update(
            {
                f"{prefix}-{total}-article": other_article.pk,
                f"{prefix}-{total}-role": Mention.Role.MENTIONED,
                f"{prefix}-{total}-hospital": second.pk,
            }
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, self._errors(response) if response.context else "")
        self.reimport()
        self.assertEqual(Mention.objects.get(pk=own.pk).role, Mention.Role.MENTIONED)
        added = Mention.objects.get(article=other_article, hospital=second)
        self.assertEqual(added.origin, Origin.ADMIN)
