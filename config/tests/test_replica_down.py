"""A replica that cannot be reached: the pages it serves answer the 503 page, while the admin and
signed-in staff, which read the primary, keep working (docs/scaling.md)."""

import socket

import pytest
from django.contrib.auth.models import User
from django.db import connections

from config import routers
from hospitals.models import Hospital

from .conftest import added_replica


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", autouse=True)
def unreachable_replica(django_db_setup):
    # Added before any test's database set-up, which only lets a test use aliases that exist by then.
    conf = dict(connections["default"].settings_dict)
    conf.update(
        ENGINE="django.db.backends.postgresql",
        HOST="127.0.0.1",
        PORT=_closed_port(),
        NAME="hf",
        USER="hf",
        PASSWORD="hf",
        OPTIONS={"connect_timeout": 2},
        TEST={"MIRROR": "default"},
    )
    with added_replica(conf):
        yield


# transaction=True: a TestCase would open a transaction on the replica alias too.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", routers.REPLICA])


def test_public_pages_answer_503_while_the_admin_and_staff_keep_working(client, settings):
    settings.DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    hospital = Hospital.objects.create(name="某某县人民医院", slug="mou-mou-xian")
    for path in (hospital.get_absolute_url(), "/api/articles/"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert "数据库暂时无法连接" in response.content.decode()

    client.force_login(User.objects.create_superuser("boss", password="pw"))
    assert client.get("/admin/hospitals/hospital/").status_code == 200
    assert client.get(hospital.get_absolute_url()).status_code == 200
