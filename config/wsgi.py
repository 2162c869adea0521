import os

from django.core.wsgi import get_wsgi_application

# Production by default: a deploy must never run development settings by accident.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()
