#!/usr/bin/env bash
# Starts Debian's PostgreSQL (installed as the "postgresql" package) and makes the user and the
# database the durability tests use: user downhill, password downhill, database downhill_test.
# Safe to run again: it creates only what is missing and empties the test database.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'downhill') THEN
    CREATE ROLE downhill LOGIN PASSWORD 'downhill';
  END IF;
END $$;
DROP DATABASE IF EXISTS downhill_test;
CREATE DATABASE downhill_test OWNER downhill;
SQL
