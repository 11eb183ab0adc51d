#!/bin/bash
# start_dovecot.sh BASEDIR [-F]
#   Renders dovecot.conf.in into BASEDIR, makes a self-signed cert + users file, and
#   starts Dovecot on 127.0.0.1. Without -F it daemonises and returns once IMAP accepts
#   connections (prints "PID=<master pid>"); with -F it execs `dovecot -F` (foreground,
#   for a supervisor such as subprocess.Popen) and the caller must wait for the port.
# Env: IMAP_PORT (10143, plain+STARTTLS), IMAPS_PORT (10993, implicit TLS),
#      LMTP_PORT (10024), RUN_AS (user to drop to when started as root; default nobody),
#      USERS_FILE (passwd-file to copy; default users.in next to this script),
#      SSL (yes|no; default yes: "no" gives a server without STARTTLS or implicit TLS).
# Stop: kill -TERM -- -<master pid>  (the whole process group; the master is its leader).
#   SIGTERM to the master alone (= `dovecot -c BASEDIR/dovecot.conf stop`) lets imap
#   processes with connected clients live on for 10-30 s.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BASEDIR=${1:?usage: start_dovecot.sh BASEDIR [-F]}
MODE=${2:-}
IMAP_PORT=${IMAP_PORT:-10143}
IMAPS_PORT=${IMAPS_PORT:-10993}
LMTP_PORT=${LMTP_PORT:-10024}
USERS_FILE=${USERS_FILE:-$HERE/users.in}
SSL=${SSL:-yes}

mkdir -p "$BASEDIR"
BASEDIR=$(cd "$BASEDIR" && pwd)
RUNDIR=$BASEDIR/run
# unix sockets live in base_dir: sun_path is 108 bytes, keep room for "login/imap-urlauth" etc.
if [ ${#RUNDIR} -gt 70 ]; then
  echo "start_dovecot.sh: base_dir '$RUNDIR' is too long for unix sockets; use a shorter BASEDIR (e.g. mktemp -d /tmp/dc.XXXX)" >&2
  exit 2
fi

if [ "$(id -u)" = 0 ]; then
  RUN_AS=${RUN_AS:-nobody}
  DROP=(setpriv --reuid="$(id -u "$RUN_AS")" --regid="$(id -g "$RUN_AS")" --clear-groups --)
else
  RUN_AS=$(id -un)
  DROP=()
fi
RUN_UID=$(id -u "$RUN_AS"); RUN_GID=$(id -g "$RUN_AS"); RUN_GROUP=$(id -gn "$RUN_AS")

mkdir -p "$BASEDIR"/{tls,mail,state} "$RUNDIR"
if [ ! -s "$BASEDIR/tls/cert.pem" ]; then
  # EC P-256 keygen is ~10 ms (RSA-2048 is ~100-500 ms); SAN covers both names clients use
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=localhost -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$BASEDIR/tls/key.pem" -out "$BASEDIR/tls/cert.pem" 2>/dev/null
fi
cp "$USERS_FILE" "$BASEDIR/users"
sed -e "s|@BASEDIR@|$BASEDIR|g" -e "s|@RUNDIR@|$RUNDIR|g" \
    -e "s|@USER@|$RUN_AS|g" -e "s|@GROUP@|$RUN_GROUP|g" \
    -e "s|@UID@|$RUN_UID|g" -e "s|@GID@|$RUN_GID|g" \
    -e "s|@PORT_IMAP@|$IMAP_PORT|g" -e "s|@PORT_IMAPS@|$IMAPS_PORT|g" -e "s|@PORT_LMTP@|$LMTP_PORT|g" -e "s|@SSL@|$SSL|g" \
    "$HERE/dovecot.conf.in" > "$BASEDIR/dovecot.conf"
chmod 600 "$BASEDIR/users" "$BASEDIR/tls/key.pem"
if [ "$(id -u)" = 0 ]; then
  chown -R "$RUN_UID:$RUN_GID" "$BASEDIR"
  # every ancestor must be traversable by RUN_AS (pytest's /tmp/pytest-of-root is 0700!)
  if ! setpriv --reuid="$RUN_UID" --regid="$RUN_GID" --clear-groups -- test -w "$BASEDIR/mail"; then
    echo "start_dovecot.sh: $RUN_AS cannot reach $BASEDIR (a parent dir is not o+x); use mktemp -d /tmp/dc.XXXX" >&2
    exit 2
  fi
fi

if [ "$MODE" = "-F" ]; then
  exec "${DROP[@]}" /usr/sbin/dovecot -F -c "$BASEDIR/dovecot.conf"
fi

"${DROP[@]}" /usr/sbin/dovecot -c "$BASEDIR/dovecot.conf"
# wait (max 10 s) until the IMAP listener answers
for _ in $(seq 1 200); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$IMAP_PORT") 2>/dev/null; then
    echo "PID=$(cat "$RUNDIR/master.pid")"
    exit 0
  fi
  sleep 0.05
done
echo "start_dovecot.sh: dovecot did not come up; log:" >&2
cat "$BASEDIR/dovecot.log" >&2 || true
exit 1
