"""`manage.py restore FILE --yes`: replace the whole database with a backup of `backup`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from federation.management.commands.backup import pg_environment, run


class Command(BaseCommand):
    help = "Replace the database with the content of FILE, written by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true",
                            help="confirm that the current data is to be replaced")

    def handle(self, file: Path, yes: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        if not yes:
            raise CommandError("restore replaces every table: run again with --yes to confirm")
        if connection.vendor == "postgresql":
            args, env = pg_environment()
            connection.close()
            run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", "--exit-on-error", *args, str(file)], env)
        elif connection.vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            raise CommandError(f"no restore method for {connection.vendor}")
        self.stdout.write(f"database restored from {file}")
