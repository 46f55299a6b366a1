#!/usr/bin/env bash
# Restore a Cactus backup made by ops/backup.sh into a NEW, empty database and media directory.
# Usage: DATABASE_URL=… MEDIA_ROOT=… ops/restore.sh BACKUP_DIRECTORY
# PostgreSQL: create the database first (createdb cactus_restored); SQLite: the file must not exist.
set -euo pipefail
source_directory=${1:?"usage: ops/restore.sh BACKUP_DIRECTORY"}
: "${DATABASE_URL:?DATABASE_URL must name the new database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the new media directory}"
(cd "$source_directory" && sha256sum --check --quiet SHA256SUMS)
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ]; then
  echo "restore.sh: $MEDIA_ROOT is not empty; restore into a new directory" >&2; exit 2
fi
case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    pg_restore --no-owner --no-privileges --exit-on-error --dbname="$DATABASE_URL" "$source_directory/database.dump" ;;
  sqlite:///*)
    target="${DATABASE_URL#sqlite://}"
    if [ -e "$target" ]; then echo "restore.sh: $target exists; restore into a new file" >&2; exit 2; fi
    cp "$source_directory/database.sqlite3" "$target" ;;
  *) echo "restore.sh: unsupported DATABASE_URL scheme" >&2; exit 2 ;;
esac
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$source_directory/media.tar.gz" --directory="$MEDIA_ROOT"
echo "Restauration terminée : vérifiez les empreintes des documents (docs/operations.md, « Restaurer »)."
