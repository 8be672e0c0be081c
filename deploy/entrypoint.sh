#!/bin/sh
# The container's roles (docs/deployment.md): web (default), migrate, worker, exchange, manage <command>, or any command.
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
  exchange)
    # The iWmo/iJw message exchange with providers: one process (docs/deployment.md).
    shift
    exec python manage.py providers_exchange --watch 60 "$@" ;;
  manage)
    shift
    exec python manage.py "$@" ;;
  *)
    exec "$@" ;;
esac
