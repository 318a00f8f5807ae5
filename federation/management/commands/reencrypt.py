from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin


class Command(BaseCommand):
    help = ("Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS "
            "(after prepending a new key); old keys can then be removed.")

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [f.name for f in model._meta.concrete_fields
                      if isinstance(f, EncryptedFieldMixin)]
            if not fields:
                continue
            count = 0
            with transaction.atomic():
                for obj in model._base_manager.only("pk", *fields).iterator(chunk_size=500):
                    obj.save(update_fields=fields)
                    count += 1
            self.stdout.write(f"{model._meta.label}: {count} rows re-encrypted")
