import os

from django.core.asgi import get_asgi_application

from config import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
require_secret_key()  # an app server never starts without its secret key

application = get_asgi_application()
