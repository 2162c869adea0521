"""The canonical indicators survive a flush (transactional tests, `manage.py flush`)."""

import pytest
from django.core.management import call_command

from hospitals.models import Indicator, IndicatorSynonym


@pytest.mark.django_db(transaction=True)
def test_a_flush_puts_the_seeded_indicators_back():
    seeded = Indicator.objects.count()
    assert seeded > 50 and IndicatorSynonym.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert Indicator.objects.count() == seeded
    assert Indicator.objects.filter(name="门急诊人次").exists()
    assert IndicatorSynonym.objects.filter(indicator__name="门急诊人次").exists()
