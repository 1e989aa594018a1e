#!/bin/sh
# /usr/bin/zena-server, installed by the zena-server package: the bundled launcher with the installed
# configuration, so that an operator's command reads what the service reads:
#   sudo -u zena zena-server token --user ADMIN_ID --ttl 10h
# ZENA_CONFIG defaults to /etc/zena/zena.yml; /etc/zena/zena.env (WEBSOCKET_JWT_SECRET, WEBSOCKET_DB, ...) is
# loaded when readable (root and the zena group). ZENA_ENV_FILE= (empty) skips it; ZENA_ENV_FILE=FILE reads another.
if [ -z "${ZENA_CONFIG:-}" ] && [ -r /etc/zena/zena.yml ]; then
  ZENA_CONFIG=/etc/zena/zena.yml
  export ZENA_CONFIG
fi
env_file="${ZENA_ENV_FILE-/etc/zena/zena.env}"
if [ -n "$env_file" ] && [ -r "$env_file" ]; then
  set -a
  . "$env_file"
  set +a
fi
exec /opt/zena/current/bin/zena-server "$@"
