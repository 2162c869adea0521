import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(settings_module, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = _load("config.settings.prod", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_with_a_secret_key_and_debug_off():
    result = _load("config.settings.prod", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_accepts_only_1_or_0():
    result = _load("config.settings.dev", DJANGO_DEBUG="yes please")
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_development_runs_without_configuration():
    result = _load("config.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
