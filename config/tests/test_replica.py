"""DATABASE_REPLICA_URL: visitors' reads of public pages go to the replica; writes, the admin, staff,
management commands and code outside a request stay on the primary; without it nothing changes."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connections, router
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from config import routers
from hospitals.models import Hospital

from .conftest import added_replica

# Written for this test: a made-up county hospital.
TEXT = (
    "本报讯 近日，青禾县第二人民医院新建的门诊综合楼正式启用。该院院长林晓峰介绍，"
    "新楼建筑面积2.1万平方米，开放床位420张，全年门急诊量达到36万人次。"
)


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    """The alias DATABASE_REPLICA_URL adds, on the test database (as the test mirror makes it)."""
    with django_db_blocker.unblock():
        conf = dict(connections["default"].settings_dict)
    conf["TEST"] = {"MIRROR": "default"}
    with added_replica(conf):
        yield


# Committed rows (transaction=True), so the replica's own connection sees them.
replica_db = pytest.mark.django_db(transaction=True, databases=["default", routers.REPLICA])


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    return connections[routers.REPLICA]


@pytest.fixture
def records():
    article = Article.objects.create(
        slug="replica-test",
        title="副本测试文章",
        body="正文",
        source_file="replica-test.txt",
        content_hash="0" * 64,
    )
    hospital = Hospital.objects.create(name="某某县人民医院", slug="mou-mou-xian")
    return article, hospital


class Queries:
    """Counts the queries each alias runs inside the block."""

    def __enter__(self):
        self.default = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections[routers.REPLICA])
        self.default.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.default.__exit__(*exc)


def test_the_router_reads_from_the_replica_only_inside_a_public_request():
    replica_router = routers.ReplicaRouter()
    assert replica_router.db_for_read(Article) == "default"
    with routers.public_reads():
        assert replica_router.db_for_read(Article) == "replica"
        assert replica_router.db_for_write(Article) == "default"
    assert replica_router.db_for_read(Article) == "default"
    assert replica_router.allow_migrate("default", "articles") is True
    assert replica_router.allow_migrate("replica", "articles") is False
    assert replica_router.allow_relation(Article(), Hospital()) is True


@replica_db
def test_public_pages_and_the_api_read_from_the_replica(client, replica, records):
    article, hospital = records
    paths = [
        "/",
        "/hospitals/",
        hospital.get_absolute_url(),
        article.get_absolute_url(),
        f"/api/hospitals/{hospital.slug}/",
        "/api/articles/",
    ]
    for path in paths:
        with Queries() as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        assert len(queries.replica) > 0, path
        assert len(queries.default) == 0, (path, [q["sql"] for q in queries.default])
        with Queries() as queries:
            assert client.head(path).status_code == 200, path
        assert len(queries.default) == 0, path
    # Nothing leaks out of the request: the test's own reads are back on the primary.
    assert router.db_for_read(Article) == "default"


@replica_db
def test_searches_never_query_the_primary(client, replica, records):
    # Whatever the backend reads for a search (with SEARCH_BACKEND=postgres, the index itself)
    # comes from the replica.
    call_command("rebuild_index", "--no-progress", verbosity=0)
    with Queries() as queries:
        found = client.get("/api/search/", {"q": "某某县人民"}).json()
    assert found["total"] >= 1 and len(queries.default) == 0, [q["sql"] for q in queries.default]
    assert len(queries.replica) > 0
    for path in (
        "/search/?q=某某县",
        "/api/search/?q=某某县",
        "/api/suggest/?q=mmx",
        "/search/?q=医院&sort=date",
    ):
        with Queries() as queries:
            assert client.get(path).status_code == 200, path
        assert len(queries.default) == 0, (path, [q["sql"] for q in queries.default])


@replica_db
def test_the_admin_and_staff_use_the_primary(client, replica, records):
    User.objects.create_superuser("boss", password="pw")
    client.force_login(User.objects.get(username="boss"))
    for path in (
        "/admin/",
        "/admin/articles/article/",
        "/admin/hospitals/hospital/",
        records[1].get_absolute_url(),
    ):
        with Queries() as queries:
            assert client.get(path).status_code == 200, path
        assert len(queries.default) > 0, path
        assert len(queries.replica) == 0, (path, [q["sql"] for q in queries.replica])


@replica_db
def test_a_signed_in_visitor_who_is_not_staff_reads_public_pages_from_the_replica(client, replica, records):
    client.force_login(User.objects.create_user("reader", password="pw"))
    with Queries() as queries:
        assert client.get(records[1].get_absolute_url()).status_code == 200
    # The session and the user are read from the primary to learn who is asking; the page's own
    # queries go to the replica.
    assert len(queries.replica) > 0
    assert all("auth_user" in q["sql"] or "django_session" in q["sql"] for q in queries.default)


@replica_db
def test_posts_and_an_import_through_the_admin_use_only_the_primary(client, replica, records):
    with Queries() as queries:
        assert client.post(records[1].get_absolute_url()).status_code == 405
    assert len(queries.replica) == 0
    User.objects.create_superuser("boss", password="pw")
    client.force_login(User.objects.get(username="boss"))
    with Queries() as queries:
        response = client.post(
            reverse("admin:articles_article_import"), {"name": "qinghe-2.txt", "text": TEXT}
        )
    assert response.status_code == 200 and "导入结果：新建" in response.content.decode()
    assert Article.objects.filter(source_file="qinghe-2.txt").exists()
    assert len(queries.replica) == 0, [q["sql"] for q in queries.replica]


@replica_db
def test_management_commands_use_the_primary(replica, tmp_path):
    (tmp_path / "qinghe-2.txt").write_text(TEXT, encoding="utf-8")
    with Queries() as queries:
        call_command("import_articles", str(tmp_path), "--jobs", "1", verbosity=0)
        call_command("rebuild_index", "--no-progress", verbosity=0)
    assert Article.objects.filter(source_file="qinghe-2.txt").exists()
    assert len(queries.default) > 0
    assert len(queries.replica) == 0, [q["sql"] for q in queries.replica]
