"""The container's health check: GET /healthz on the local gunicorn, as the first allowed host, over the proxy's https.

Exit 0 when it answers 200, 1 otherwise (503 while the database is down). Standard library only: it runs every
30 seconds and must stay cheap.
"""

import os
import sys
import urllib.request

host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip().lstrip(".") or "localhost"
port = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000").rsplit(":", 1)[-1]
request = urllib.request.Request(
    f"http://127.0.0.1:{port}/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception:  # any failure is "unhealthy"
    sys.exit(1)
