"""`manage.py backup FILE`: PostgreSQL through pg_dump (custom format), SQLite as a file copy.

Encrypted columns stay encrypted in the dump; keep FIELD_ENCRYPTION_KEYS and PII_HASH_KEY apart
from the backups (without them a restore cannot read the personal data)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


def pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and the environment (password) for pg_dump/pg_restore."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


class Command(BaseCommand):
    help = "Write a backup of the database to FILE (pg_dump custom format, or an SQLite copy)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, file: Path, **options):
        file.parent.mkdir(parents=True, exist_ok=True)
        if connection.vendor == "postgresql":
            args, env = pg_environment()
            run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                 "--file", str(file), *args], env)
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(file)
            try:
                connection.connection.backup(target)  # consistent even while in use
            finally:
                target.close()
        else:
            raise CommandError(f"no backup method for {connection.vendor}")
        os.chmod(file, 0o600)
        self.stdout.write(f"backup written to {file} ({file.stat().st_size} bytes)")
