"""Gunicorn for one app server: ``gunicorn -c deploy/gunicorn.conf.py portal.wsgi``.

Stateless: sessions and cache in Redis, media in S3, search in Elasticsearch, so any number of
these can run behind nginx. Logs go to stdout/stderr (journald), shipped from there.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 2000  # recycle workers now and then, whatever leaks
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %({x-forwarded-for}i)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
