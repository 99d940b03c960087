#!/usr/bin/env bash
# The demo: airlock's main job on the example project, embedded SQLite.
set -euo pipefail
AIRLOCK=$(readlink -f "${1:-build/airlock}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/examples/customer-vault"
echo "== airlock validate"
"$AIRLOCK" validate
echo "== airlock format --check"
"$AIRLOCK" format --check

# The guide's developer workflow on SQLite, with the SQLite copy of the
# example (examples/customer-vault-sqlite: the guide's first migration and its
# add_user_department change), in a throwaway folder.
DEMO=$(mktemp -d)
trap 'rm -rf "$DEMO"' EXIT
cp -r "$ROOT/examples/customer-vault-sqlite/prisma" "$DEMO/"
cd "$DEMO"
export DATABASE_URL="file:./dev.db"
step() { printf '\n== %s\n' "$*"; }
step "airlock migrate status   (a new machine: nothing applied yet, exit 1)"
"$AIRLOCK" migrate status || true
step "airlock migrate dev --name add_user_department   (needs the schema differ)"
if "$AIRLOCK" migrate dev --name add_user_department --yes; then
  :
else
  echo "(migrate dev is not available in this build; the demo continues with"
  echo " the committed migrations, as the guide's release step does)"
fi
step "airlock migrate deploy   (creates prisma/dev.db, applies both migrations)"
"$AIRLOCK" migrate deploy
step "airlock migrate status"
"$AIRLOCK" migrate status
step "airlock migrate history"
"$AIRLOCK" migrate history
step "The production path: a database that only has the first migration"
mkdir -p "$DEMO/prod/prisma/migrations"
cp prisma/schema.prisma "$DEMO/prod/prisma/"
cp prisma/migrations/migration_lock.toml "$DEMO/prod/prisma/migrations/"
cp -r prisma/migrations/20260101000000_init "$DEMO/prod/prisma/migrations/"
(cd "$DEMO/prod" && "$AIRLOCK" migrate deploy >/dev/null && echo "prod database at 20260101000000_init")
cp -r prisma/migrations/20260105070245_add_user_department "$DEMO/prod/prisma/migrations/"
cd "$DEMO/prod"
step "airlock migrate status   (the release brings add_user_department: 1 pending)"
"$AIRLOCK" migrate status || true
step "airlock migrate deploy"
"$AIRLOCK" migrate deploy
step "airlock migrate status"
"$AIRLOCK" migrate status
