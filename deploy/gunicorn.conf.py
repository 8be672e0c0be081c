"""gunicorn configuration for Routekaart: `gunicorn -c deploy/gunicorn.conf.py routekaart.wsgi:application`.

Every value can be changed by the environment (names below) or on the command line; docs/deployment.md explains.
"""

import multiprocessing
import os
from pathlib import Path

# The project runs from its source tree (manage.py does the same): src/ on the path, wherever gunicorn starts.
pythonpath = str(Path(__file__).resolve().parents[1] / "src")

# Where to listen. Behind a TLS proxy on another host: 0.0.0.0:8000; `make serve` passes --bind 127.0.0.1:8000.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Processes: WEB_CONCURRENCY (the name most platforms set), by default 2 per core. Each keeps its own PostgreSQL
# connection for CONN_MAX_AGE seconds, so the database needs max_connections > workers x threads x web hosts
# plus the job workers.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))

# Worker class, measured on this 2-core machine (busy with other work: load 11-16) against the login page with
# production settings on PostgreSQL, 4 workers, 16 clients for 20 s each: sync 47 and 65 requests/s with p95 419
# and 340 ms; gthread with 2 threads 53 requests/s, p95 664 ms; gthread with 4 threads 38 requests/s, p95 753 ms.
# Throughput is the same within the noise (the work is CPU in Django; threads add no core under the GIL), and the
# threads only widen the tail and hold more connections. So `sync`: one request per process, the simplest failure
# model (a stuck request holds one worker until `timeout` restarts it); the TLS proxy in front buffers slow
# clients, which sync workers need. GUNICORN_WORKER_CLASS=gthread and GUNICORN_THREADS=N remain for long I/O waits.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))

# A request that takes longer than this is killed with its worker (the transaction rolls back: ATOMIC_REQUESTS).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On SIGTERM (deploy, container stop) workers finish what they serve for this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep-alive to the proxy in front.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Restart each worker after about this many requests, against slow leaks; the jitter spreads the restarts so
# the workers never all restart at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))

# The proxy terminates TLS and sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER in conf/production.py). gunicorn
# believes forwarded headers only from these addresses (FORWARDED_ALLOW_IPS, gunicorn's own variable; default
# the local host). Set it to the proxy's address; never "*" unless only the proxy can reach this port.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs: no personal data. The access log is off by default: a URL names households and cases, and the client's
# address is personal data. GUNICORN_ACCESS_LOG=1 turns on a line without address, query string or referrer.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "") in ("1", "true", "True") else None
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Heartbeat files on tmpfs where there is one (containers: /tmp may be an overlay on disk).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Request limits a proxy should enforce too: a long request line or many headers is refused before Django.
limit_request_line = 8190
limit_request_fields = 100


def on_starting(server) -> None:
    """With PROMETHEUS_MULTIPROC_DIR: start from an empty folder; the files of a previous run would keep adding
    workers long gone to every /metrics answer (prometheus-client's multiprocess rule)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):
            stale.unlink()


def child_exit(server, worker) -> None:
    """With Prometheus in multi-process mode (PROMETHEUS_MULTIPROC_DIR), drop the gauges of a worker that ended."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


# No control socket (gunicornc): signals do the same (HUP reload, TTIN/TTOU workers, TERM stop), and a read-only
# container has no home folder to put it in.
control_socket_disable = True
