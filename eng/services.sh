#!/usr/bin/env bash
# PostgreSQL and RabbitMQ for the fanout sample's integration tests, from Debian's packages.
#
#   eng/services.sh start             install what is missing, start both servers, create the test
#                                     role, database, vhost and user; print the exports below
#   eng/services.sh stop              stop what 'start' started (servers already running are left alone)
#   eng/services.sh env               print the exports:
#                                       PUSHWRIGHT_TEST_POSTGRES  an Npgsql connection string (role with CREATEDB)
#                                       PUSHWRIGHT_TEST_RABBITMQ  an AMQP URI
#   eng/services.sh restart rabbitmq  the broker-restart test
#   eng/services.sh stop postgresql   the database-outage test ...
#   eng/services.sh start postgresql  ... and its end
#
#   eval "$(eng/services.sh start)" && dotnet test tests/Pushwright.Sample.Fanout.Tests
#
# Needs root, or sudo. There is no systemd here: PostgreSQL runs through pg_ctlcluster and
# RabbitMQ through rabbitmq-server -detached; both switch to their own users by themselves.
# Messages go to stderr; only the exports go to stdout.
set -euo pipefail

readonly role=pushwright
readonly password=pushwright
readonly state_file="${TMPDIR:-/tmp}/pushwright-services.started"

sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"

say() { echo "services: $*" >&2; }
die() { say "$*"; exit 1; }

as_postgres() {
  if [[ -z $sudo ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

apt_install() {
  say "installing $* (apt-get)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

install_missing() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null && command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null && command -v rabbitmqctl >/dev/null || missing+=(rabbitmq-server)
  [[ ${#missing[@]} -eq 0 ]] || apt_install "${missing[@]}"
}

mark_started() { echo "$1" >>"$state_file"; }
started_here() { [[ -f $state_file ]] && grep -qx "$1" "$state_file"; }

# --- PostgreSQL -----------------------------------------------------------------------------

# The first cluster pg_lsclusters lists ("15 main 5432 online ..."); one is created if there is none.
pg_cluster() {
  local line
  line=$(pg_lsclusters -h 2>/dev/null | head -1)
  if [[ -z $line ]]; then
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    say "creating PostgreSQL cluster $version/main"
    $sudo pg_createcluster "$version" main >/dev/null
    line=$(pg_lsclusters -h | head -1)
  fi
  echo "$line"
}

pg_port() { pg_cluster | awk '{print $3}'; }

postgres_wait() {
  local port=$1
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && return 0
    sleep 0.5
  done
  die "PostgreSQL did not accept connections on port $port within 30 s"
}

postgres_start() {
  local version cluster port status
  read -r version cluster port status _ < <(pg_cluster)
  if [[ $status != online* ]]; then
    say "starting PostgreSQL $version/$cluster on port $port"
    $sudo pg_ctlcluster "$version" "$cluster" start
    started_here postgresql || mark_started postgresql
  fi
  postgres_wait "$port"
}

postgres_stop() {
  local version cluster status
  read -r version cluster _ status _ < <(pg_cluster)
  if [[ $status == online* ]]; then
    say "stopping PostgreSQL $version/$cluster"
    $sudo pg_ctlcluster "$version" "$cluster" stop -m fast
  fi
}

postgres_setup() {
  as_postgres psql -q -p "$(pg_port)" -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $role OWNER $role' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$role')\gexec
SQL
}

# --- RabbitMQ -------------------------------------------------------------------------------

rabbitmq_running() { $sudo rabbitmqctl -q status >/dev/null 2>&1; }

rabbitmq_start() {
  if ! rabbitmq_running; then
    say "starting RabbitMQ"
    $sudo rabbitmq-server -detached
    started_here rabbitmq || mark_started rabbitmq
  fi
  # await_startup fails at once while the node is still booting; ask again until it answers.
  for _ in $(seq 1 60); do
    $sudo rabbitmqctl -q await_startup --timeout 60 >/dev/null 2>&1 && return 0
    sleep 1
  done
  die "RabbitMQ did not start within 60 s (see /var/log/rabbitmq)"
}

rabbitmq_stop() {
  if rabbitmq_running; then
    say "stopping RabbitMQ"
    $sudo rabbitmqctl -q shutdown >/dev/null
  fi
}

rabbitmq_setup() {
  # Each rabbitmqctl call boots an Erlang VM (about 1.5 s): add without asking first, ignore
  # "already exists", and let set_permissions (which needs both) say whether it worked.
  $sudo rabbitmqctl -q add_vhost "$role" >/dev/null 2>&1 || true
  $sudo rabbitmqctl -q add_user "$role" "$password" >/dev/null 2>&1 || true
  $sudo rabbitmqctl -q set_permissions -p "$role" "$role" '.*' '.*' '.*' >/dev/null
}

# --- Commands -------------------------------------------------------------------------------

print_env() {
  echo "export PUSHWRIGHT_TEST_POSTGRES='Host=127.0.0.1;Port=$(pg_port);Username=$role;Password=$password;Database=$role'"
  echo "export PUSHWRIGHT_TEST_RABBITMQ='amqp://$role:$password@127.0.0.1:5672/$role'"
}

start_all() {
  local began=$SECONDS
  install_missing
  local installed=$((SECONDS - began))
  postgres_start
  postgres_setup
  rabbitmq_start
  rabbitmq_setup
  say "PostgreSQL and RabbitMQ ready in $((SECONDS - began)) s (install: $installed s)"
  print_env
}

stop_all() {
  if started_here rabbitmq; then rabbitmq_stop; fi
  if started_here postgresql; then postgres_stop; fi
  rm -f "$state_file"
}

case "${1:-} ${2:-}" in
  "start ") start_all ;;
  "stop ") stop_all ;;
  "env ") print_env ;;
  "restart rabbitmq") rabbitmq_stop && rabbitmq_start ;;
  "stop postgresql") postgres_stop ;;
  "start postgresql") postgres_start ;;
  *) die "usage: $0 start | stop | env | restart rabbitmq | stop postgresql | start postgresql" ;;
esac
