from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_robots_and_sitemap(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Sitemap:" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200 and b"<sitemapindex" in sitemap.content
    assert b"/sitemap-articles.xml" in sitemap.content
    section = client.get("/sitemap-static.xml")
    assert section.status_code == 200 and b"<urlset" in section.content


@pytest.mark.django_db
def test_unknown_pages_get_a_chinese_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.django_db
def test_pages_carry_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"]


@pytest.mark.django_db
def test_an_unreachable_database_gives_a_clear_503(client):
    with mock.patch("hospitals.views.Hospital.objects.count", side_effect=OperationalError("server closed")):
        response = client.get("/")
    assert response.status_code == 503
    assert "数据库暂时无法连接" in response.content.decode()
    assert client.get("/").status_code == 200, "the site recovers once the database answers again"


@pytest.mark.django_db
def test_a_nul_in_any_parameter_is_a_400_not_a_500(client):
    for url in ("/metrics/?name=%00", "/compare/?h=a%00", "/search/?q=x%00y", "/hospitals/?province=%00"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "NUL" in response.content.decode()
