"""Settings for ZWK, read from the environment (12-factor).

Defaults are safe for production (DEBUG off, secure cookies, HSTS); `make demo` and the tests
switch on what they need through the environment. The variables are documented in README.md.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # repository root
SRC_DIR = BASE_DIR / "src"

env = environ.Env()
# Development only: `make demo` writes .env in the checkout (DEBUG=1, a random SECRET_KEY), so
# that `python manage.py …` works without exporting variables. Variables already set in the
# environment win. ZWK_ENV_FILE names another file; empty = none (the tests set it empty).
# Production sets its variables in /etc/zwk/zwk.env and has no .env in the checkout.
ENV_FILE = env.str("ZWK_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)
# A missing SECRET_KEY is only acceptable while debugging; production must set one.
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "insecure-development-key-only-for-debug" if DEBUG else ""
)
if not SECRET_KEY:
    raise environ.ImproperlyConfigured("SECRET_KEY muss gesetzt sein, wenn DEBUG aus ist.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Reverse proxies whose X-Real-IP / X-Forwarded-For headers are believed (addresses or
# networks, comma-separated; behind the shipped nginx: 127.0.0.1,::1). Empty: the socket
# address is the client – a header sent by the client changes nothing (zwk.core.net).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

INSTALLED_APPS = [
    # Framework
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    # Third party
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # ZWK
    "zwk.core",
    "zwk.accounts",
    "zwk.municipalities",
    "zwk.profiles",
    "zwk.situation",
    "zwk.workshops",
    "zwk.participation",
    "zwk.toolbox",
    "zwk.plans",
    "zwk.accountability",
    "zwk.consultation",
    "zwk.consulting",
    "zwk.exchange",
    "zwk.network",
    "zwk.newsletter",
    "zwk.privacy",
    "zwk.api",
    "zwk.announcements",
    "zwk.decisions",
    "zwk.registration",
    "zwk.office",
    "zwk.operations",
    "zwk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zwk.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zwk.core.cache_control.NoStoreForPrivateMiddleware",  # no-store unless public
    "django_otp.middleware.OTPMiddleware",
    "zwk.accounts.middleware.SessionActivityMiddleware",
    "zwk.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "zwk.core.database.DatabaseBusyMiddleware",  # "database is locked": 503, not 500
    "zwk.core.middleware.SecurityHeadersMiddleware",
    # Last, so that it sees the outcome of authentication (django-axes' requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zwk.urls"
WSGI_APPLICATION = "zwk.wsgi.application"

# Widgets render through TEMPLATES, so src/zwk/templates/django/forms/ may replace Django's
# (the empty choice of a select reads "Bitte wählen", not "---------").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "zwk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zwk.core.context_processors.platform",
            ],
        },
    }
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite, the embedded default, under concurrent web use (many phones voting at once):
    # WAL lets readers work while one writer writes; writes wait for the lock (timeout, in
    # seconds) instead of failing at once; IMMEDIATE takes the write lock when a transaction
    # begins, so a read-then-write transaction cannot deadlock on upgrading its lock. Options
    # given in DATABASE_URL (?timeout=…) take precedence. Limits: docs/betrieb.md.
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite.setdefault("timeout", 20)
    _sqlite.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fail-soft: a Redis outage empties the cache instead of answering 500 (zwk.core.cache).
    CACHES = {"default": {"BACKEND": "zwk.core.cache.FailSoftRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions in the database only: they survive a Redis outage, and a logout during one cannot
# be undone by a stale cached copy afterwards (as with cached_db).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Rate limits (zwk.core.ratelimit): "<count>/<window>" with s/m/h/d, several windows joined
# by ";". Each counts per client address, participant, person or e-mail address – never
# for everyone together. Override single entries in the environment, e.g.
# RATE_LIMITS="workshops.lookup=30/10m,newsletter.signup=20/1h".
RATE_LIMITS = {
    # Zukunftswerkstatt: cards and votes per participant; failed code lookups (unknown code,
    # invitation key missing) per client address – joining itself is not limited.
    "workshops.card": "10/1m",
    "workshops.vote": "60/1m",
    "workshops.lookup": "20/10m",
    # Participants' own data: wrong Teilnahmecodes per client address and workshop code,
    # downloads per participant.
    "workshops.data_code": "10/10m",
    "workshops.data_export": "20/1h",
    # Beteiligung: failed access codes per client address; submitted questionnaires per
    # client address (a school class behind one address still gets through).
    "participation.code": "20/10m",
    "participation.submit": "200/10m",
    # Ideensammlung: ideas and comments per participant; introductions (joining) and reports
    # per client address.
    "participation.idea": "10/1h;30/1d",
    "participation.comment": "20/10m;100/1d",
    "participation.idea_join": "30/10m",
    "participation.report": "20/1h",
    # Austausch: anonymous event registrations per client address.
    "exchange.register": "10/10m",
    # Newsletter: sign-ups per client address, confirmation mails per e-mail address.
    "newsletter.signup": "10/1h",
    "newsletter.confirmation": "3/1d",
    # Vernetzung: messages and posts per person (counted from the stored rows).
    "network.message": "5/1h;20/1d",
    "network.post": "10/10m;60/1d",
    # Barrierefreiheit: feedback on barriers per client address.
    "accessibility.feedback": "5/1h;20/1d",
    # Kommune anmelden: applications per client address, confirmation mails per address.
    "registration.apply": "10/1h;30/1d",
    "registration.confirmation": "3/1d",
    # Entwurf diskutieren: public comments and reports on the draft plan per client address.
    "consultation.comment": "20/10m;100/1d",
    "consultation.report": "20/1h",
}
# Was aus Ihren Ideen wurde: follow requests per client address, confirmation mails per address.
RATE_LIMITS["accountability.follow"] = "10/1h"
RATE_LIMITS["accountability.confirmation"] = "3/1d"
RATE_LIMITS.update(env.dict("RATE_LIMITS", default={}))

# Celery: with Redis a real broker; without it, tasks run in the calling process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Europe/Berlin"
# Periodic jobs (celery beat, exactly one beat process). Every job is idempotent.
CELERY_BEAT_SCHEDULE = {
    # Newsletter: start scheduled issues, resume interrupted sends.
    "newsletter-send-scheduled": {"task": "zwk.newsletter.send_scheduled", "schedule": 60.0},
    # Vernetzung: e-mail digest of new discussion posts once a day.
    "network-discussion-digest": {
        "task": "zwk.network.tasks.send_discussion_digest",
        "schedule": 24 * 3600.0,
    },
    # Zukunftswerkstatt: anonymise participants after each workshop's retention period.
    "workshops-purge-participants": {
        "task": "zwk.workshops.tasks.purge_participants",
        "schedule": 24 * 3600.0,
    },
    # Was aus Ihren Ideen wurde: follow requests not confirmed within 14 days are deleted.
    "accountability-purge-unconfirmed": {
        "task": "zwk.accountability.purge_unconfirmed",
        "schedule": 24 * 3600.0,
    },
    # Beteiligung: access codes, consent records and free texts after the retention period;
    # also the pseudonyms of comments on the draft plan (CONSULTATION_RETENTION_DAYS).
    "participation-purge-responses": {
        "task": "zwk.participation.tasks.purge_responses",
        "schedule": 24 * 3600.0,
    },
    # Austausch: reminder the day before an event at 08:00 Berlin time (each registration
    # once), anonymisation of registrations 12 months after their event, nightly.
    "exchange-event-reminders": {
        "task": "zwk.exchange.tasks.send_event_reminders",
        "schedule": crontab(hour=8, minute=0),
    },
    "exchange-anonymise-registrations": {
        "task": "zwk.exchange.tasks.anonymise_event_registrations",
        "schedule": crontab(hour=3, minute=30),
    },
    # Zwischenbilanz: remind the coordination of a due review, once per date.
    "plans-review-reminders": {
        "task": "zwk.plans.tasks.send_review_reminders",
        "schedule": 24 * 3600.0,
    },
}
# Newsletter (zwk.newsletter): social media profiles shown in issues and the archive
# (https addresses; empty = not shown) and the optional mailto for List-Unsubscribe.
NEWSLETTER_SOCIAL_LINKS = {
    "twitter": env.str("SOCIAL_TWITTER_URL", default=""),
    "mastodon": env.str("SOCIAL_MASTODON_URL", default=""),
    "bluesky": env.str("SOCIAL_BLUESKY_URL", default=""),
}
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default="")  # "" = DEFAULT_FROM_EMAIL
NEWSLETTER_CONFIRM_HOURS = env.int("NEWSLETTER_CONFIRM_HOURS", default=48)  # confirmation link
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=50)  # mails per task run
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=3)  # per recipient
# Key of the keyed hash of client addresses in consent records ("" = SECRET_KEY).
NEWSLETTER_IP_HASH_KEY = env.str("NEWSLETTER_IP_HASH_KEY", default="")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "zwk.accounts.backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start"  # each role's start page (zwk.views.start)
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
OFFICE_STALLED_WEEKS = env.int("OFFICE_STALLED_WEEKS", default=6)  # office overview: "Stillstand"
# office start page and map: figures cached at most this long (writes replace them; 0 = off)
OFFICE_CACHE_SECONDS = env.int("OFFICE_CACHE_SECONDS", default=60)

# Lock-out after repeated failed logins (django-axes): per username and IP address.
# Two-factor sign-in (TOTP) is mandatory for office, consultants and coordinators in
# production; the demo (DEBUG) and the tests switch it off unless a test turns it on.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="ZWK")

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "zwk.accounts.lockout.login_identifier"  # one count per person
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The client address as the rest of ZWK sees it (forwarded headers only from TRUSTED_PROXIES).
AXES_CLIENT_IP_CALLABLE = "zwk.core.net.client_ip"

LANGUAGE_CODE = "de"
# Participant languages (issue 18, zwk.core.languages, docs/uebersetzungen.md); "de-ls" is
# Leichte Sprache (catalogue de_LS, lang="de"). A Kommune adds one with a catalogue and a line.
LANGUAGES = [
    ("de", _("Deutsch")),
    ("de-ls", _("Leichte Sprache")),
    ("en", _("Englisch")),
    ("tr", _("Türkisch")),
    ("ar", _("Arabisch")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [SRC_DIR / "zwk" / "locale"]
# Dates per language (issue 18): English day-first, Leichte Sprache with the month as a word.
FORMAT_MODULE_PATH = ["zwk.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [SRC_DIR / "zwk" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads: a folder below MEDIA_ROOT by default. Several application servers need a storage
# every server sees – the same folder mounted on all (NFS) or another Django storage backend,
# e.g. FILE_STORAGE=storages.backends.s3.S3Storage with its options as JSON in
# FILE_STORAGE_OPTIONS (docs/betrieb.md, "Mehrere Anwendungsserver").
STORAGES = {
    "default": {
        "BACKEND": env.str("FILE_STORAGE", default="django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env.json("FILE_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads: documents are stored under random names and only ever served as attachments.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)

# Ideenkarte (Beteiligung): map tiles, OpenStreetMap by default (its tile usage policy asks for
# the attribution and moderate use; a Kommune with heavy traffic sets its own tile server).
# The map pages add the tile host to the Content-Security-Policy's img-src themselves.
ZWK_MAP_TILE_URL = env.str(
    "ZWK_MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
ZWK_MAP_ATTRIBUTION = env.str(
    "ZWK_MAP_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende',
)
# Entwurf diskutieren: days after a consultation's end until the pseudonyms, age groups,
# Ortsteile and consent records of its comments are removed (daily purge of the Beteiligung).
CONSULTATION_RETENTION_DAYS = env.int("CONSULTATION_RETENTION_DAYS", default=180)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
# Backups (manage.py backup): encrypted when set – a Fernet key from `manage.py backup
# --new-key`; several comma-separated: the first encrypts, all decrypt (zwk.operations.backup).
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")

# E-mail: console by default, SMTP (or any backend) via EMAIL_URL, e.g. smtp+tls://user:pw@host:587
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
vars().update(env.email_url_config(EMAIL_URL))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ZWK <noreply@zwk.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: production-safe unless DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=[])

# Content-Security-Policy without 'unsafe-inline': all scripts and styles are files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "zwk.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("LOG_FORMAT", default="plain"),
            "filters": ["redact_secrets"],  # no link tokens in logs (zwk.core.redact)
        }
    },
    "filters": {"redact_secrets": {"()": "zwk.core.redact.RedactSecretsFilter"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

CSRF_FAILURE_VIEW = "zwk.views.csrf_failure"

# Who runs this installation – fills the default imprint and privacy notice until the
# office saves its own texts under /datenschutz/texte/.
ZWK_OPERATOR = {
    "name": env.str("OPERATOR_NAME", default="Geschäftsstelle Zukunftswerkstatt Kommunen"),
    "address": env.str("OPERATOR_ADDRESS", default="Musterstraße 1, 10115 Berlin"),
    "email": env.str("OPERATOR_EMAIL", default="kontakt@zwk.example"),
    "phone": env.str("OPERATOR_PHONE", default=""),
    "representative": env.str("OPERATOR_REPRESENTATIVE", default=""),
    "dpo": env.str("OPERATOR_DPO", default="datenschutz@zwk.example"),
    "authority": env.str(
        "OPERATOR_SUPERVISORY_AUTHORITY",
        default="die Datenschutz-Aufsichtsbehörde des Landes, in dem der Betreiber seinen Sitz hat",
    ),
}

# Optional error reporting: only with SENTRY_DSN. No personal data is sent (send_default_pii
# off); participants of a Zukunftswerkstatt are citizens, their input stays on our servers.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env.str("SENTRY_ENVIRONMENT", default="production"),
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Open API /api/v1/ (zwk.api, see docs/api.md) -------------------------------------------
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["zwk.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "zwk.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "zwk.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "zwk.api.throttling.AnonThrottle",
        "zwk.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_RATE_ANON", default="60/min"),
        "user": env.str("API_RATE_USER", default="600/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ZWK – Offene Schnittstelle",
    "DESCRIPTION": "Öffentliche Daten der Kommunen im Programm und, mit Token, die eigenen.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "kind"; name the enums explicitly (else check --deploy warns).
    "ENUM_NAME_OVERRIDES": {
        "MunicipalityKindEnum": "zwk.municipalities.models.Municipality.Kind",
        "PlanIndicatorKindEnum": "zwk.plans.models.Indicator.Kind",
    },
}
