"""A hospital profile's former addresses (merged records, edited slugs) keep working."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from hospitals.merge import merge_hospitals
from hospitals.models import Hospital, HospitalRedirect


def _hospital(name, slug):
    return Hospital.objects.create(name=name, slug=slug, province="湖北省")


@pytest.mark.django_db
def test_a_merged_profile_address_redirects_permanently_to_the_survivor(client):
    keep = _hospital("某市第一人民医院", "keep-1")
    gone = _hospital("某市第一医院", "gone-1")
    merge_hospitals(keep, [gone])
    response = client.get("/hospitals/gone-1/")
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()
    api = client.get("/api/hospitals/gone-1/")
    assert api.status_code == 301
    assert api["Location"] == reverse("hospitals:api-detail", args=["keep-1"])
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_merging_again_carries_earlier_addresses_to_the_new_survivor(client):
    first = _hospital("甲县人民医院", "first")
    second = _hospital("甲县第一人民医院", "second")
    third = _hospital("甲县中心医院", "third")
    merge_hospitals(second, [first])
    merge_hospitals(third, [second])
    for slug in ("first", "second"):
        response = client.get(f"/hospitals/{slug}/")
        assert response.status_code == 301, slug
        assert response["Location"] == "/hospitals/third/"


@pytest.mark.django_db
def test_an_edited_slug_leaves_a_redirect_and_editing_it_back_removes_it(client):
    hospital = _hospital("乙市中医院", "old-slug")
    hospital.slug = "new-slug"
    hospital.save()
    response = client.get("/hospitals/old-slug/")
    assert response.status_code == 301 and response["Location"] == "/hospitals/new-slug/"
    hospital.slug = "old-slug"
    hospital.save()
    assert client.get("/hospitals/old-slug/").status_code == 200
    assert not HospitalRedirect.objects.filter(old_slug="old-slug").exists()
    assert client.get("/hospitals/new-slug/").status_code == 301


@pytest.mark.django_db
def test_a_live_profile_wins_over_a_redirect_and_unknown_addresses_are_404(client):
    keep = _hospital("丙市人民医院", "bing")
    HospitalRedirect.point("taken", keep)
    _hospital("丁市人民医院", "taken")  # a new hospital gets the address: it is its own now
    assert client.get("/hospitals/taken/").status_code == 200
    missing = client.get("/hospitals/no-such-hospital/")
    assert missing.status_code == 404
    assert "没有" in missing.content.decode() or "找不到" in missing.content.decode()
    assert client.get("/api/hospitals/no-such-hospital/").status_code == 404


@pytest.mark.django_db
def test_admins_see_and_can_delete_old_addresses(client):
    keep = _hospital("戊市人民医院", "wu")
    HospitalRedirect.point("wu-old", keep)
    User.objects.create_superuser("admin", "a@example.org", "pw-123456")
    client.login(username="admin", password="pw-123456")
    changelist = client.get(reverse("admin:hospitals_hospitalredirect_changelist"))
    assert changelist.status_code == 200
    assert "旧网址" in changelist.content.decode() and "wu-old" in changelist.content.decode()
    redirect_pk = HospitalRedirect.objects.get(old_slug="wu-old").pk
    client.post(reverse("admin:hospitals_hospitalredirect_delete", args=[redirect_pk]), {"post": "yes"})
    assert client.get("/hospitals/wu-old/").status_code == 404
