"""Gunicorn settings for production (`make serve-prod`, or
`gunicorn -c config/gunicorn.py config.wsgi`). Each value comes from the
environment; README.md, "Deployment", lists the variables."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two per CPU plus one, capped: every worker holds its own database
# connection (DATABASE_CONN_MAX_AGE), and PostgreSQL's are limited.
workers = int(
    os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
)
# More than one thread switches the workers to gthread.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
# A request still running after this many seconds is killed and its worker
# restarted; the load balancer's own timeout should be a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Restart each worker now and then so a slow leak cannot grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = 100
# Headers we read only from the load balancer (X-Forwarded-Proto); set
# FORWARDED_ALLOW_IPS, which gunicorn reads itself, to its addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to standard output. The access log leaves out the client's address,
# the query string (search terms), the referrer and the user agent: no
# personal data. It records the method, path, status, size, time taken in
# milliseconds and whether the page cache answered.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms cache=%({x-cache}o)s'
