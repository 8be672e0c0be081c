"""The container's health check: GET /healthz/live on the local gunicorn, as the first allowed host, over https.

Liveness, not readiness: a database outage must not make the orchestrator restart healthy workers (they recover by
themselves); the load balancer asks /healthz for readiness. Exit 0 when it answers 200, 1 otherwise. Standard
library only: it runs every 30 seconds and must stay cheap.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz/live", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:  # any failure is "unhealthy"
    sys.exit(1)
