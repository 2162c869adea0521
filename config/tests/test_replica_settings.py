"""DATABASE_REPLICA_URL in the settings, and the site without it (the suite runs without it)."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from config import routers
from config.middleware import public_reads
from hospitals.models import Hospital

BASE_SETTINGS = Path(__file__).resolve().parents[1] / "settings" / "base.py"


def test_settings_add_the_replica_alias_and_the_router_only_when_the_url_is_set(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://hf:pw@primary.example:5432/hf")
    monkeypatch.setenv("DJANGO_CONN_MAX_AGE", "30")
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    plain = runpy.run_path(str(BASE_SETTINGS))
    assert set(plain["DATABASES"]) == {"default"}
    assert "DATABASE_ROUTERS" not in plain

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://hf_ro:pw@replica.example:5433/hf")
    configured = runpy.run_path(str(BASE_SETTINGS))
    replica = configured["DATABASES"]["replica"]
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == ("replica.example", 5433, "hf_ro")
    assert replica["ENGINE"] == configured["DATABASES"]["default"]["ENGINE"]
    assert replica["CONN_MAX_AGE"] == 30 and replica["CONN_HEALTH_CHECKS"] is True
    # The test runner points the alias at the test database instead of creating one.
    assert replica["TEST"] == {"MIRROR": "default"}
    assert configured["DATABASE_ROUTERS"] == ["config.routers.ReplicaRouter"]
    assert "config.middleware.public_reads" in configured["MIDDLEWARE"]


@pytest.mark.django_db
def test_without_a_replica_there_is_no_router_and_the_middleware_drops_out(client):
    assert routers.REPLICA not in connections.settings
    assert router.routers == []
    with pytest.raises(MiddlewareNotUsed):
        public_reads(lambda request: None)
    hospital = Hospital.objects.create(name="某某县人民医院", slug="mou-mou-xian")
    with CaptureQueriesContext(connections["default"]) as queries:
        assert client.get(hospital.get_absolute_url()).status_code == 200
    assert len(queries) > 0
