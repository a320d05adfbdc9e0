def require_secret_key() -> None:
    """Refuse to serve without DJANGO_SECRET_KEY (the WSGI and ASGI entry points call this):
    settings leave the key empty when it is missing, so that commands needing none still run."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 - Django refuses an empty key here
    except ImproperlyConfigured:
        raise ImproperlyConfigured(settings.MISSING_SECRET_KEY) from None
