"""Settings shared by every environment. Values that differ per deployment come from the environment."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    cache_from_env,
    database_from_env,
    env_bool,
    env_int,
    env_list,
    env_str,
    search_backends_from_env,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal",
    "subportals",
    "portal.procedures",
    "portal.procurement",
    "portal.opendata",
    "portal.directory",
    "portal.links",
    "portal.ads",
    "portal.legal",
    "editorial",
    "security",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Anonymous visitors' page views answered from the page cache skip everything below.
    "portal.pagecache.middleware.PageCacheMiddleware",
    # Binds each request to the audit log (the client's address now, the user once known).
    "security.middleware.AuditContextMiddleware",
    "security.headers.PortalCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The second factor comes before anything else in the admin (administrators must enrol).
    "security.two_factor.TwoFactorMiddleware",
    # A password set by an administrator, or too old, is changed before anything else.
    "security.middleware.PasswordPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Admin URLs naming another unit's page answer 404 (P-Art. 6.1).
    "subportals.middleware.UnitScopeMiddleware",
    # Approval from the dashboard runs the editorial checks; translations are not published unreviewed.
    "editorial.workflow.middleware.WorkflowGuardMiddleware",
    # Last, so that a locked-out login attempt never reaches the view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": database_from_env(str(BASE_DIR / "db.sqlite3"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = cache_from_env()

# --- Full-page cache for anonymous visitors (portal.pagecache; issue 12) ------------------
# Invalidated on publication, unpublication, move and deletion of a page (the page, its
# translations, its ancestors, the main portal's home) and on changes of what pages show around
# their content (settings, menus, ads, units). The lifetime bounds what no signal reports, such
# as an ad reaching its end date or a "related news" box of another section.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# What browsers (max-age) and shared caches such as nginx or a CDN (s-maxage) may keep.
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 60)
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 60)
# Pages read by the front cache (nginx, Varnish) are purged through Wagtail's frontend cache.
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
        }
    }
    if env_str("FRONTEND_CACHE_PURGE_URL")
    else {}
)

# --- Accounts (SPEC "Security and operations"; issue 9 extends these) -------------------
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "security.passwords.ComplexityValidator"},
    {
        "NAME": "security.passwords.PrivilegedLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_ADMIN_MIN_LENGTH", 10)},
    },
    {"NAME": "security.passwords.PasswordHistoryValidator", "OPTIONS": {"count": env_int("PASSWORD_HISTORY", 5)}},
]
# S-HD 13.1.đ, S-LC 4.2: administrators change their password every 3 months, others every 6.
PASSWORD_MAX_AGE_ADMIN_DAYS = env_int("PASSWORD_MAX_AGE_ADMIN_DAYS", 90)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 180)
PASSWORD_EXPIRY_WARNING_DAYS = env_int("PASSWORD_EXPIRY_WARNING_DAYS", 14)
# Self-service reset links: single use (Django's tokens die with the password) and short-lived.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_SECONDS", 60 * 60)
# S-HD 13.2.b: lock after 3–5 consecutive failures, for a period, reset on success; by user
# name and by client address (set AXES_LOCK_BY_IP=false when a whole department shares one NAT).
AXES_FAILURE_LIMIT = min(5, max(3, env_int("AXES_FAILURE_LIMIT", 5)))
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] if env_bool("AXES_LOCK_BY_IP", True) else ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# The client address: X-Forwarded-For is believed only from our own reverse proxies.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
AXES_CLIENT_IP_CALLABLE = "security.client_ip.client_ip"
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Headers every response carries (HSTS and secure cookies are in production.py, behind HTTPS).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt in to SAMEORIGIN themselves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The site theme's two colours are an inline <style>; no inline script anywhere.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https:"],
        "media-src": ["'self'", "https:"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"],
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "media-src": ["'self'", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# TOTP two-factor authentication: optional for everyone, required for administrators.
TOTP_REQUIRED_FOR_ADMINISTRATORS = env_bool("TOTP_REQUIRED_FOR_ADMINISTRATORS", True)
TOTP_TOLERANCE_STEPS = env_int("TOTP_TOLERANCE_STEPS", 0)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Cổng TTĐT Khánh Hòa")

# S-LC 8.1: accounts unused for 6 months are suspended (manage.py suspend_inactive_accounts).
ACCOUNT_INACTIVE_DAYS = env_int("ACCOUNT_INACTIVE_DAYS", 180)
# S-HD 14, S-QB 4.4: the audit log is kept a year by default, never less than 30 days, then archived.
AUDIT_LOG_RETENTION_DAYS = max(30, env_int("AUDIT_LOG_RETENTION_DAYS", 365))
AUDIT_ARCHIVE_DIR = env_str("AUDIT_ARCHIVE_DIR", str(BASE_DIR / "archive" / "audit"))
# Monthly backups (SPEC.md, security): on another volume in production; 12 kept by default.
BACKUP_DIR = env_str("BACKUP_DIR", str(BASE_DIR / "archive" / "backups"))
BACKUP_KEEP = max(1, env_int("BACKUP_KEEP", 12))

SESSION_COOKIE_HTTPONLY = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 10 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_IDLE_WARNING_SECONDS = env_int("SESSION_IDLE_WARNING_SECONDS", 60)
WAGTAILADMIN_USER_LOGIN_FORM = "security.login.PortalLoginForm"

# --- Languages: Vietnamese first, then English and Russian (P-Art. 3.1) -------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    ("ru", "Русский"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Cổng thông tin điện tử tỉnh Khánh Hòa")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = search_backends_from_env()
# Citizen search on Elasticsearch when set (search/elastic.py); else the database backend above.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "khanhhoa")
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", 1)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Documents: an allow-list of office and open formats, never executables (S-LC 4.6).
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "rtf", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Uploads checked on their content, not their name (S-LC 4.6, S-HD 15.6): security/uploads.py, security/forms.py
WAGTAILIMAGES_IMAGE_FORM_BASE = "security.forms.ContentCheckedImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "security.forms.ContentCheckedDocumentForm"
FILE_UPLOAD_HANDLERS = [
    "security.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# "clamd", or a dotted path to a scanner(fileobj, name) function.
UPLOAD_VIRUS_SCANNER = env_str("UPLOAD_VIRUS_SCANNER", "") or None
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "") or None  # e.g. /run/clamav/clamd.ctl; otherwise host and port below
CLAMAV_HOST = env_str("CLAMAV_HOST", "127.0.0.1")
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
CLAMAV_TIMEOUT = env_int("CLAMAV_TIMEOUT", 30)
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# A state system does not send its staff's e-mail hashes to Gravatar, nor call home for updates.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Text (P-Art. 7.6) ----------------------------------------------------------------------
# House tone placement applied to every text that enters: "classic" (hòa, thủy, as in the
# province's name), "modern" (hoà, thuỷ) or "" to keep what the editor typed.
TCVN_TONE_STYLE = env_str("TCVN_TONE_STYLE", "classic")

# --- Editorial workflow (P-Art. 6.2, 7.4, 7.5) ---------------------------------------------------
# Nothing is published without the board: a new translation starts as a draft, not as a live copy.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflow.finish.publish_approved"
# Notices go to whoever must act next; superusers are operators, not editors.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env_str("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", "congthongtin@khanhhoa.gov.vn")
# An item waiting longer than this many working days is flagged on the dashboard and in reminders.
EDITORIAL_REVIEW_DEADLINE_WORKING_DAYS = env_int("EDITORIAL_REVIEW_DEADLINE_WORKING_DAYS", 2)

# --- Portal --------------------------------------------------------------------------------
PORTAL_ARTICLES_PER_PAGE = env_int("PORTAL_ARTICLES_PER_PAGE", 12)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "congthongtin@khanhhoa.gov.vn")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Background task and per-page publish messages drown the useful ones.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# Update-frequency monitoring (P-Art. 11): a publication pulled within this many hours does not count.
COMPLIANCE_MIN_LIVE_HOURS = env_int("COMPLIANCE_MIN_LIVE_HOURS", 24)

# Citizens' questions and feedback (P-Art. 8.9, 5.2.i; docs/feedback.md): the answer is due this many
# working days after the day of receipt; spam limits per client address and per e-mail/phone within
# the window; attachments (PDF or image) up to this size; the form must be open this long before sending.
FEEDBACK_ANSWER_WORKING_DAYS = env_int("FEEDBACK_ANSWER_WORKING_DAYS", 10)
FEEDBACK_LIMIT_PER_IP = env_int("FEEDBACK_LIMIT_PER_IP", 10)
FEEDBACK_LIMIT_PER_EMAIL = env_int("FEEDBACK_LIMIT_PER_EMAIL", 5)
FEEDBACK_LIMIT_WINDOW_HOURS = env_int("FEEDBACK_LIMIT_WINDOW_HOURS", 24)
FEEDBACK_ATTACHMENT_MAX_MB = env_int("FEEDBACK_ATTACHMENT_MAX_MB", 5)
FEEDBACK_MIN_FILL_SECONDS = env_int("FEEDBACK_MIN_FILL_SECONDS", 5)
