"""Production: everything from the environment, nothing insecure by default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = False
# Several gunicorn workers cannot share a page cache in process memory: without Redis it is off
# unless asked for (and then `manage.py check` warns, portal.W001).
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(env_str("REDIS_URL")))
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names in production.")

STORAGES = {
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# S3-compatible object storage for media (MinIO, Viettel/VNPT/FPT cloud, AWS): one bucket shared
# by every app server; MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage (django-storages).
if STORAGES["default"]["BACKEND"].startswith("storages.backends.s3"):
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("S3_BUCKET must be set when media are stored in S3.")
    STORAGES["default"]["OPTIONS"] = {
        "bucket_name": env_str("S3_BUCKET"),
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_str("S3_ACCESS_KEY") or None,
        "secret_key": env_str("S3_SECRET_KEY") or None,
        "custom_domain": env_str("S3_CUSTOM_DOMAIN") or None,
        "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
        "default_acl": None,
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the proxy checks each app server over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
