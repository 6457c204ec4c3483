#!/usr/bin/env bash
# The whole test suite from a fresh machine: dependencies, PostgreSQL, Chromium,
# then typecheck, lint and every test. Says what it skipped and why.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== %s\n' "$*"; }
skipped=()

say "dependencies"
if [ ! -d node_modules ] || ! npm ls --depth=0 >/dev/null 2>&1; then
  # `npm install`, not `npm ci`: npm 11 leaves other platforms' optional packages out of the
  # lock file and `npm ci` then refuses it as out of sync; install still follows the lock.
  npm install --no-audit --no-fund || exit 1
else
  echo "node_modules matches package.json"
fi

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

say "PostgreSQL"
if [ -n "${DATABASE_URL:-}" ]; then
  export BINOME_TEST_DATABASE_URL="$DATABASE_URL"
  echo "using DATABASE_URL for the PostgreSQL half of the suite"
elif command -v pg_ctlcluster >/dev/null && command -v pg_lsclusters >/dev/null; then
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk '$1=="15"{print $1" "$2; exit}')
  [ -n "$cluster" ] || cluster=$(pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2; exit}')
  if [ -n "$cluster" ]; then
    read -r pg_version pg_name <<<"$cluster"
    if ! pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n' | grep -q online; then
      as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_name" start || true
    fi
    port=$(pg_lsclusters --no-header | awk -v v="$pg_version" -v n="$pg_name" '$1==v && $2==n {print $3}')
    if as_root runuser -u postgres -- psql -p "$port" -qtAc "select 1" >/dev/null 2>&1; then
      as_root runuser -u postgres -- psql -p "$port" -qtAc \
        "do \$\$ begin if not exists (select from pg_roles where rolname = 'binome') then create role binome login createdb password 'binome'; end if; end \$\$;" >/dev/null
      if ! as_root runuser -u postgres -- psql -p "$port" -qtAc "select 1 from pg_database where datname = 'binome_test'" | grep -q 1; then
        as_root runuser -u postgres -- createdb -p "$port" -O binome binome_test
      fi
      export BINOME_TEST_DATABASE_URL="postgres://binome:binome@127.0.0.1:${port}/binome_test"
      echo "PostgreSQL $pg_version/$pg_name on port $port: the suite runs on PGlite and on PostgreSQL"
    else
      skipped+=("PostgreSQL tests: cluster $pg_version/$pg_name could not be started (not root?)")
    fi
  else
    skipped+=("PostgreSQL tests: no cluster found by pg_lsclusters")
  fi
else
  skipped+=("PostgreSQL tests: PostgreSQL is not installed and DATABASE_URL is not set")
fi

say "Chromium"
if [ ! -x /usr/bin/chromium ]; then
  if as_root true 2>/dev/null && command -v apt-get >/dev/null; then
    (as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || skipped+=("browser tests: apt-get could not install chromium")
  else
    skipped+=("browser tests: /usr/bin/chromium is missing and apt-get is not usable")
  fi
fi
[ -x /usr/bin/chromium ] && export BINOME_CHROMIUM=/usr/bin/chromium && echo "Chromium: $(/usr/bin/chromium --version 2>/dev/null)"

status=0
say "typecheck"
npm run --silent typecheck || status=1
say "lint"
npm run --silent lint || status=1
say "tests"
npx vitest run "$@" || status=1

if [ ${#skipped[@]} -gt 0 ]; then
  say "skipped"
  printf '  - %s\n' "${skipped[@]}"
fi
exit $status
