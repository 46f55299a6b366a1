#!/usr/bin/env bash
# Back up Cactus: the database and MEDIA_ROOT together, with a SHA256SUMS file (docs/operations.md).
# Usage: DATABASE_URL=… MEDIA_ROOT=… ops/backup.sh DESTINATION_DIRECTORY
# PostgreSQL: pg_dump in custom format (consistent snapshot while the site runs).
# SQLite (DATABASE_URL=sqlite:////path/db.sqlite3): sqlite3 ".backup" (consistent, WAL-safe; never cp a live file).
set -euo pipefail
# The backup holds NIRs, salaries and signed scans: readable by its owner only, whatever the
# caller's umask (0600 files in a 0700 directory). Encrypt it before it leaves the server
# (docs/operations.md, "Encrypting backups").
umask 077
destination=${1:?"usage: ops/backup.sh DESTINATION_DIRECTORY"}
: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the media directory to back up}"
mkdir -p "$destination"
chmod go-rwx "$destination"
case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    pg_dump --format=custom --no-owner --no-privileges --file="$destination/database.dump" "$DATABASE_URL" ;;
  sqlite:///*)
    sqlite3 "${DATABASE_URL#sqlite://}" ".backup '$destination/database.sqlite3'" ;;
  *) echo "backup.sh: unsupported DATABASE_URL scheme" >&2; exit 2 ;;
esac
tar --create --gzip --file="$destination/media.tar.gz" --directory="$MEDIA_ROOT" .
(cd "$destination" && sha256sum database.* media.tar.gz > SHA256SUMS)
echo "Sauvegarde écrite dans $destination :"
cat "$destination/SHA256SUMS"
