"""Local development: debug on, any local host name (sub-portals live on *.localhost)."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-khanhhoa-portal")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", ".localhost", "[::1]"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's administrator logs in with the published demo password and no phone at hand:
# set TOTP_REQUIRED_FOR_ADMINISTRATORS=true to try the two-factor enrolment locally.
TOTP_REQUIRED_FOR_ADMINISTRATORS = env_bool("TOTP_REQUIRED_FOR_ADMINISTRATORS", False)
