"""gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment, so several app servers behind a load
balancer run the same file. App servers keep no state of their own: data in PostgreSQL,
cache, sessions' data and rate-limit counters in Redis, static files served from the image.
"""

import os

# Loopback by default: gunicorn's sync workers must sit behind a buffering proxy (nginx,
# deploy/nginx.conf), never face clients, whose slow requests would hold every worker. Set
# GUNICORN_BIND to an address the proxy reaches when it runs on another host.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle a worker now and then (a guard against slow leaks), but rarely: a fresh worker compiles
# its templates and loads the plans again, which showed as p99 spikes of 300 ms under load when
# workers were recycled every 5,000 requests (a few seconds at full speed).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "200000"))
max_requests_jitter = 20000
preload_app = True
# gunicorn 27 opens a control socket in ~/.gunicorn by default; several instances on one host
# (or a read-only home) need it off.
control_socket_disable = True
# Temporary worker heartbeat files in memory, not on the app server's disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the load balancer's addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
