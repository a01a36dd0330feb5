"""Settings shared by every environment. The other modules change only what differs.

Every environment variable read here is documented in docs/settings.md.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Data lives under var/ by default so that a clone stays self-contained.
VAR_DIR = Path(env("APP_VAR_DIR", default=str(BASE_DIR / "var")))
# SQLite and the filesystem queue need the folder before anything connects.
VAR_DIR.mkdir(parents=True, exist_ok=True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "apps.accounts",
    "apps.reports",
    "apps.drafts",
    "apps.review",
    "apps.exporting",
    "apps.notifications",
    "apps.consistency",
    "apps.sheets",
    "apps.proofreading",
    "apps.accounts.axes_app.AxesConfig",  # django-axes, named in Chinese in /admin/
    # Content-Security-Policy header (docs/adr/0030-content-security-policy.md).
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A service's refusal that the view did not handle: 403 / 409 / 400 with its Chinese reason.
    "apps.core.middleware.ServiceErrorMiddleware",
    # Refuses a body declared over UPLOAD_MAX_BYTES before anything reads it (apps/drafts/uploads.py).
    "apps.drafts.uploads.UploadLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.accounts.context_processors.membership",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker are separate processes: wait for a lock
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Login throttling (docs/adr/0010-login-throttling.md): the axes check runs first, then the password check.
AUTHENTICATION_BACKENDS = [
    "apps.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# Per user name and address: one office behind one NAT address is not locked out by one user's typos.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:report_list"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# Chinese for the third-party texts operators see in /admin/ that ship no zh_Hans catalogue (django-axes).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request otherwise
# Uploaded drafts: outside static files, served only through a permission-checked view.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# LibreOffice converting uploaded .doc/.wps (unset: refused, users are asked for .docx).
SOFFICE_PATH = env("SOFFICE_PATH", default="") or None
# PDF exports and page previews, made by LibreOffice in the worker (apps/exporting/services_pdf.py): the same
# binary as SOFFICE_PATH when that is set, else soffice on the PATH.
EXPORT_SOFFICE = env("EXPORT_SOFFICE", default=SOFFICE_PATH or "soffice")
EXPORT_PDF_TIMEOUT = env.int("EXPORT_PDF_TIMEOUT", default=180)
EXPORT_PREVIEW_PAGES = env.int("EXPORT_PREVIEW_PAGES", default=3)
EXPORT_PREVIEW_DPI = env.int("EXPORT_PREVIEW_DPI", default=60)
# Cap on the declared uncompressed size of a .docx (zip bombs are refused on this, unread).
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
# Characters of text in one draft (apps/parsing/screening.py); set by measurement (bench/worst_case.py).
UPLOAD_MAX_TEXT_CHARS = env.int("UPLOAD_MAX_TEXT_CHARS", default=1_000_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The first handler stops reading a file as soon as it passes UPLOAD_MAX_BYTES, whatever was declared.
FILE_UPLOAD_HANDLERS = [
    "apps.drafts.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport,
# which needs no server and still runs a real, separate worker process.
REDIS_URL = env("REDIS_URL", default="")
CELERY_FS_DIR = Path(env("CELERY_FS_DIR", default=str(VAR_DIR / "celery")))
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Seconds before Redis hands an unacknowledged message (its worker died) to another worker.
    # Keep it above CELERY_TASK_TIME_LIMIT, or a slow parse is delivered twice (harmless, wasteful).
    CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # Workers look for such messages every tenth of the timeout (1 to 10 s), not every 100 s.
        "unacked_restore_interval": max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 10)),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 5,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FS_DIR / "queue"),
        "data_folder_out": str(CELERY_FS_DIR / "queue"),
        "processed_folder": str(CELERY_FS_DIR / "processed"),
        "control_folder": str(CELERY_FS_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("PARSE_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = CELERY_TASK_SOFT_TIME_LIMIT + 30
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# A broker outage must not hang an upload request: publish fails fast, the sweeper re-enqueues.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# The sweeper (apps.drafts.services.draft_sweep_run): celery beat runs it every PARSE_SWEEP_INTERVAL
# seconds, and every worker once when it starts.
PARSE_STUCK_AFTER = env.int("PARSE_STUCK_AFTER", default=CELERY_TASK_TIME_LIMIT + 60)
PARSE_PENDING_AFTER = env.int("PARSE_PENDING_AFTER", default=600)
CELERY_BEAT_SCHEDULE = {
    "drafts-sweep": {
        "task": "apps.drafts.tasks.draft_sweep",
        "schedule": env.float("PARSE_SWEEP_INTERVAL", default=60),
    },
    # apps.reports.services_lifecycle.reports_purge_run: reports in the 回收站 past REPORT_RETENTION_DAYS go.
    "reports-purge": {
        "task": "apps.reports.tasks.reports_purge",
        "schedule": env.float("REPORT_PURGE_INTERVAL", default=3600),
    },
    # apps.notifications.services.notification_emails_retry_run (docs/adr/0013-notifications.md).
    "notifications-retry": {
        "task": "apps.notifications.tasks.notification_emails_retry",
        "schedule": env.float("NOTIFICATION_EMAIL_RETRY_INTERVAL", default=60),
    },
}
# Days a deleted report stays in the 回收站 (restorable with everything in it) before the purge removes it.
REPORT_RETENTION_DAYS = env.int("REPORT_RETENTION_DAYS", default=30)
REPORT_PURGE_INTERVAL = CELERY_BEAT_SCHEDULE["reports-purge"]["schedule"]
# Tests only: honours test hooks such as DRAFT_PARSE_TEST_DELAY (apps/drafts/services.py). Never in production.
TESTING = env.bool("DJANGO_TESTING", default=False)
# Test hook, honoured only with DEBUG or TESTING: seconds a first parse attempt sleeps before saving.
DRAFT_PARSE_TEST_DELAY = env.float("DRAFT_PARSE_TEST_DELAY", default=0)

# E-mail notifications (apps.notifications). EMAIL_URL e.g. smtp+tls://user:pass@smtp.example.gov.cn:587;
# the default prints messages on the console of the process that sends them.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="报告系统 <noreply@localhost>")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
# Absolute links in e-mails; the application itself never needs it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = env("SITE_NAME", default="年度报告起草与审核")
# true: the Celery worker sends notification e-mail; false: the web process sends it right after the commit.
NOTIFICATION_EMAIL_ASYNC = env.bool("NOTIFICATION_EMAIL_ASYNC", default=True)
# Delivery (docs/adr/0013-notifications.md): celery beat retries pending e-mail every NOTIFICATION_EMAIL_RETRY_INTERVAL
# seconds once it is NOTIFICATION_EMAIL_RETRY_AFTER seconds old, up to NOTIFICATION_EMAIL_MAX_ATTEMPTS attempts in all;
# a row "sending" for NOTIFICATION_EMAIL_STUCK_AFTER seconds (its process died) is marked failed, never resent.
NOTIFICATION_EMAIL_RETRY_INTERVAL = CELERY_BEAT_SCHEDULE["notifications-retry"]["schedule"]
NOTIFICATION_EMAIL_RETRY_AFTER = env.int("NOTIFICATION_EMAIL_RETRY_AFTER", default=60)
NOTIFICATION_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATION_EMAIL_MAX_ATTEMPTS", default=5)
# Above the task's hard time limit plus EMAIL_TIMEOUT: a slow send is never taken for a dead one.
NOTIFICATION_EMAIL_STUCK_AFTER = env.int("NOTIFICATION_EMAIL_STUCK_AFTER", default=max(900, CELERY_TASK_TIME_LIMIT * 2))

# Demo data (make run / load_demo)
DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo-pass-2026")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"jieba": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# A failed CSRF check says, in Chinese, that the page expired (apps/core/views_errors.py).
CSRF_FAILURE_VIEW = "apps.core.views_errors.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
# No inline script or style anywhere: assets come from our own origin only (docs/adr/0030).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
