"""Figures written the way Chinese reports write them.

- Money of 10,000 元 or more in 万元 with two decimals ("346.27万元"), below that in 元.
- A count is written with its unit once, no thousands separator inside a sentence
  ("开展宣讲398场次"); "余" only where a staff member chose to round ("1100余场次").
- Shares as whole or one-decimal percentages ("95%", "58.3%").
- Nothing is written for a zero or a missing figure: callers leave the clause out.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = 10_000


def is_empty(value) -> bool:
    """A figure that a sentence must not state: missing, or zero."""
    return value is None or value == 0


def plain(value) -> int | float | None:
    """A figure as a plain number for a SummaryItem's Figure: a whole number stays whole
    (268, not 268.0), a Decimal becomes a float, None stays None."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(value) -> str:
    """346.27万元 from 3462700; 8500元 from 8500; 12.5万元 is written 12.50万元."""
    amount = _decimal(value)
    if abs(amount) >= WAN:
        return f"{(amount / WAN).quantize(Decimal('0.01'), ROUND_HALF_UP)}万元"
    if amount == amount.to_integral_value():
        return f"{int(amount)}元"
    return f"{amount.quantize(Decimal('0.01'), ROUND_HALF_UP)}元"


def count(value, unit: str = "", rounded: bool = False) -> str:
    """398场次; 1100余场次 when rounded; a fractional value keeps at most two decimals."""
    number = _decimal(value)
    if number == number.to_integral_value():
        text = str(int(number))
    else:
        text = f"{number.quantize(Decimal('0.01'), ROUND_HALF_UP)}".rstrip("0").rstrip(".")
    return f"{text}{'余' if rounded else ''}{unit}"


def percent(value) -> str:
    """95%, 58.3% (a share already in per cent)."""
    number = _decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)
    text = str(number).rstrip("0").rstrip(".") if "." in str(number) else str(number)
    return f"{text}%"


def figure(value, unit: str = "", is_money: bool = False, rounded: bool = False) -> str:
    """One figure with its unit, by the rules above; "%" as the unit writes a share."""
    if is_money:
        return money(value)
    if unit == "%":
        return percent(value)
    return count(value, unit, rounded)


def table_value(value, is_money: bool = False):
    """A figure for a table cell: money in 万元 (a number) from 10,000 元 up, else as it is."""
    if value is None:
        return None
    if is_money:
        return float(_decimal(value) / WAN)
    return value
