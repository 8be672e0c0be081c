#!/bin/sh
# The container's roles (docs/deployment.md): web (default), migrate, worker, manage <command>, or any command.
set -eu
cd /app
case "${1:-web}" in
  web)
    shift || true
    exec gunicorn -c deploy/gunicorn.conf.py "$@" routekaart.wsgi:application ;;
  migrate)
    # Run once per release, before the new web containers start (additive migrations; docs/deployment.md).
    python manage.py migrate --noinput
    exec python manage.py load_configuration ;;
  worker)
    shift
    exec python manage.py jobs_worker "$@" ;;
  manage)
    shift
    exec python manage.py "$@" ;;
  *)
    exec "$@" ;;
esac
