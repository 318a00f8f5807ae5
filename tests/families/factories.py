"""Factories for honours, households and inspections; reference rows come from migrations."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import factory
from openpyxl import Workbook

from families.models import (
    CourtyardTier,
    Honour,
    HonourLevel,
    HonourType,
    Household,
    Recipient,
    ScoreSheet,
    Source,
)
from families.services import record_inspection


def tier(code: str) -> CourtyardTier:
    return CourtyardTier.objects.get(code=code)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    head_name = factory.Sequence(lambda n: f"李建{n}")
    members = 4
    address = factory.Sequence(lambda n: f"幸福路{n}号")
    phone = "13812345678"
    in_campaign = True
    joined_on = datetime.date(2024, 3, 1)


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    kind = "family"
    name = factory.Sequence(lambda n: f"张秀英{n}家庭")


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    recipient = factory.SubFactory(RecipientFactory, org=factory.SelfAttribute("..org"))
    honour_type = factory.LazyFunction(
        lambda: HonourType.objects.get(code="most-beautiful-family"))
    level = factory.LazyFunction(lambda: HonourLevel.objects.get(code="community"))
    year = 2025
    source = Source.SELF


def inspect(household: Household, total: int, on: datetime.date, sheet: ScoreSheet | None = None,
            **kwargs):
    """Record an inspection whose item scores add up to `total` (spread over the items)."""
    sheet = sheet or ScoreSheet.current()
    items = list(sheet.items.all())
    left = Decimal(total)
    points = {}
    for item in items:
        give = min(item.max_points, left)
        points[item.pk] = give
        left -= give
    assert left == 0, "total above the sheet's maximum"
    return record_inspection(household, sheet, on, points, **kwargs)


def xlsx(sheets: dict[str, list[list]]) -> io.BytesIO:
    """An in-memory workbook with the given sheets (first row = header)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer
