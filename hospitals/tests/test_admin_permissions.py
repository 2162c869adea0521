"""Admin actions are offered to, and run for, only users holding the permissions their effect needs."""

from pathlib import Path

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission, User
from django.test import TestCase
from django.urls import reverse

from articles.importer import import_file
from articles.models import Article
from hospitals.models import Hospital, Initiative, Metric, Person

# Written for the test suite (not a seed): one hospital with people, initiatives and metrics.
ARTICLE = Path(__file__).resolve().parents[2] / "articles" / "tests" / "data" / "unseen_hebei_annual.txt"

FACT_MODELS = [Person, Metric, Initiative]


def staff(username, *codenames):
    user = User.objects.create_user(username, password="pw", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def view_codenames():
    return [f"view_{m._meta.model_name}" for m in (Hospital, Article, *FACT_MODELS)]


def offered_actions(client, model):
    response = client.get(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    assert response.status_code == 200
    form = response.context["action_form"]
    return set() if form is None else {name for name, _label in form.fields["action"].choices}


class ActionPermissionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        result = import_file(ARTICLE)
        assert result.status == "created", result
        cls.article = Article.objects.get()
        cls.subject = Hospital.objects.get(mentions__article=cls.article)
        assert all(m.objects.filter(admin_edited=False).exists() for m in FACT_MODELS)
        cls.duplicate = Hospital.objects.create(name=f"{cls.subject.name}（重复）", slug="duplicate-record")

    def login(self, *codenames):
        self.client.force_login(staff(f"editor{User.objects.count()}", *codenames))

    def merge(self, confirm=True):
        data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [self.subject.pk, self.duplicate.pk]}
        if confirm:
            data.update(post="yes", keep=str(self.subject.pk))
        return self.client.post(reverse("admin:hospitals_hospital_changelist"), data)

    def reimport(self):
        data = {"action": "reimport_selected", ACTION_CHECKBOX_NAME: [self.article.pk]}
        return self.client.post(reverse("admin:articles_article_changelist"), data)

    def mark_reviewed(self, model):
        url = reverse(f"admin:hospitals_{model._meta.model_name}_changelist")
        pks = list(model.objects.values_list("pk", flat=True))
        return self.client.post(url, {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: pks})

    def test_a_view_only_user_is_offered_none_of_the_actions(self):
        self.login(*view_codenames())
        self.assertNotIn("merge_selected", offered_actions(self.client, Hospital))
        self.assertNotIn("reimport_selected", offered_actions(self.client, Article))
        for model in FACT_MODELS:
            self.assertNotIn("mark_reviewed", offered_actions(self.client, model))

    def test_a_view_only_user_cannot_run_the_actions_by_posting_them(self):
        self.login(*view_codenames())
        # Hand-edit the article the way only a re-import would undo.
        Article.objects.filter(pk=self.article.pk).update(title="管理员改过的标题")
        self.assertLess(self.merge().status_code, 500)
        self.assertNotContains(self.merge(confirm=False), "确认合并")  # no confirmation page either
        self.assertLess(self.reimport().status_code, 500)
        for model in FACT_MODELS:
            self.assertLess(self.mark_reviewed(model).status_code, 500)
        self.assertTrue(Hospital.objects.filter(pk=self.duplicate.pk).exists())
        self.assertEqual(Article.objects.get(pk=self.article.pk).title, "管理员改过的标题")
        for model in FACT_MODELS:
            self.assertFalse(model.objects.filter(admin_edited=True).exists(), model)

    def test_merging_needs_change_and_delete_on_hospitals(self):
        for codenames in (["change_hospital"], ["delete_hospital"]):
            with self.subTest(codenames=codenames):
                self.login("view_hospital", *codenames)
                self.assertNotIn("merge_selected", offered_actions(self.client, Hospital))
                self.merge()
                self.assertTrue(Hospital.objects.filter(pk=self.duplicate.pk).exists())
        self.login("view_hospital", "change_hospital", "delete_hospital")
        self.assertIn("merge_selected", offered_actions(self.client, Hospital))
        confirm_page = self.merge(confirm=False)
        self.assertContains(confirm_page, "确认合并")
        self.merge()
        self.assertFalse(Hospital.objects.filter(pk=self.duplicate.pk).exists())

    def test_reimporting_needs_change_on_articles(self):
        self.login("view_article", "add_article")
        self.assertNotIn("reimport_selected", offered_actions(self.client, Article))
        Article.objects.filter(pk=self.article.pk).update(title="管理员改过的标题")
        self.reimport()
        self.assertEqual(Article.objects.get(pk=self.article.pk).title, "管理员改过的标题")

    def test_reimporting_also_needs_the_add_permissions_of_what_extraction_creates(self):
        self.login("view_article", "change_article")
        self.assertIn("reimport_selected", offered_actions(self.client, Article))
        Article.objects.filter(pk=self.article.pk).update(title="管理员改过的标题")
        response = self.reimport()
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertTrue(any("没有新增医院" in m for m in messages), messages)
        self.assertEqual(Article.objects.get(pk=self.article.pk).title, "管理员改过的标题")

    def test_an_editor_with_the_permissions_can_reimport(self):
        adds = [
            f"add_{name}"
            for name in ("hospital", "hospitalalias", "mention", "person", "initiative", "metric")
        ]
        self.login("view_article", "change_article", *adds)
        Article.objects.filter(pk=self.article.pk).update(title="管理员改过的标题")
        self.reimport()
        self.assertNotEqual(Article.objects.get(pk=self.article.pk).title, "管理员改过的标题")

    def test_marking_reviewed_needs_change_on_that_fact_model(self):
        self.login(*view_codenames(), "change_person")
        self.assertIn("mark_reviewed", offered_actions(self.client, Person))
        self.assertNotIn("mark_reviewed", offered_actions(self.client, Metric))
        self.mark_reviewed(Metric)
        self.assertFalse(Metric.objects.filter(admin_edited=True).exists())
        self.mark_reviewed(Person)
        self.assertFalse(Person.objects.filter(admin_edited=False).exists())
