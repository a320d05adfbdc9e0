"""Geometry of the cumulative-cost chart, drawn by the template as inline SVG (no chart library).

Pure Python, no Django: the view passes estimates in, the template turns the coordinates into
``<path>``/``<line>``/``<text>``. Each plan is a staircase: the charges of month *m* are paid at
its start, so the line rises (or drops, when a deposit comes back) at x = m − 1 and stays flat
through the month. Deposit refunds and annual/SIM charges are marked where they happen.
Coordinates are Decimals rounded to 0.1 of the SVG's user unit (no float anywhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from calculator.engine import Estimate

WIDTH = 400
HEIGHT = 250
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 36
# Okabe–Ito colours (told apart with colour blindness) and dash patterns (told apart without).
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "", "6 3", "2 2", "8 3 2 3")
TENTH = Decimal("0.1")


def _c(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tick:
    position: Decimal
    value: Decimal | int

    @property
    def label(self) -> str:
        value = Decimal(self.value)
        return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


@dataclass(frozen=True)
class Marker:
    """A month whose step is not an ordinary month: ``refund`` (deposit back) or ``charge``."""

    kind: str
    month: int
    amount: Decimal
    x: Decimal
    y: Decimal

    @property
    def corner_x(self) -> Decimal:
        """Top-left corner of an 8-unit square centred on the point."""
        return self.x - 4

    @property
    def corner_y(self) -> Decimal:
        return self.y - 4


@dataclass(frozen=True)
class Series:
    key: Any
    label: str
    colour: str
    dash: str
    path: str
    values: tuple[Decimal, ...]
    markers: tuple[Marker, ...]

    @property
    def total(self) -> Decimal:
        return self.values[-1]


@dataclass(frozen=True)
class Chart:
    months: int
    series: tuple[Series, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def table(self) -> list[tuple[int, list[Decimal]]]:
        """Month by month, each series' cumulative cost (the accessible fallback)."""
        return [
            (month, [s.values[month - 1] for s in self.series])
            for month in range(1, self.months + 1)
        ]


def nice_ceiling(value: Decimal) -> tuple[Decimal, Decimal]:
    """A round top for the y axis at or above ``value`` and the step between its 4–6 ticks."""
    if value <= 0:
        return Decimal(100), Decimal(25)
    base = Decimal(10) ** (value.adjusted() - 1)  # a tenth of the leading digit's place
    for step_digits in (1, 2, Decimal("2.5"), 5, 10, 20, 25, 50, 100):
        step = base * Decimal(step_digits)
        ticks = (value / step).to_integral_value(rounding=ROUND_CEILING)
        if ticks <= 5:
            return step * max(ticks, Decimal(1)), step
    step = base * 100
    return step * (value / step).to_integral_value(rounding=ROUND_CEILING), step


def _month_step(months: int) -> int:
    for limit, step in ((8, 1), (16, 2), (24, 3), (48, 6)):
        if months <= limit:
            return step
    return 12


def cumulative_chart(plans: Sequence[tuple[Any, str, Estimate]]) -> Chart | None:
    """The chart of ``plans`` — (key, label, supported estimate) — or None with none to draw."""
    plans = [p for p in plans if p[2].supported and p[2].cumulative]
    if not plans:
        return None
    months = len(plans[0][2].cumulative)
    highest = max(max(e.cumulative) for _key, _label, e in plans)
    top_value, step = nice_ceiling(max(highest, Decimal(0)))
    plot_w = Decimal(WIDTH - RIGHT - LEFT)
    plot_h = Decimal(HEIGHT - BOTTOM - TOP)

    def x(month: int | Decimal) -> Decimal:
        return _c(LEFT + plot_w * Decimal(month) / months)

    def y(value: Decimal) -> Decimal:
        return _c(TOP + plot_h * (1 - max(value, Decimal(0)) / top_value))

    series = []
    for index, (key, label, e) in enumerate(plans):
        parts = [f"M{x(0)} {y(Decimal(0))}"]
        markers = []
        for month, (value, cost) in enumerate(zip(e.cumulative, e.months, strict=True), start=1):
            parts.append(f"V{y(value)}H{x(month)}")
            if month == 1:
                continue
            if cost.deposit < 0:
                markers.append(Marker("refund", month, -cost.deposit, x(month - 1), y(value)))
            if cost.annual_fee or cost.sim_fee:
                amount = cost.annual_fee + cost.sim_fee
                markers.append(Marker("charge", month, amount, x(month - 1), y(value)))
        series.append(
            Series(
                key=key,
                label=label,
                colour=COLOURS[index % len(COLOURS)],
                dash=DASHES[index % len(DASHES)],
                path="".join(parts),
                values=tuple(e.cumulative),
                markers=tuple(markers),
            )
        )
    every = _month_step(months)
    x_ticks = tuple(Tick(x(m), m) for m in range(0, months + 1, every))
    count = int(top_value / step)
    y_ticks = tuple(Tick(y(step * i), step * i) for i in range(count + 1))
    return Chart(months=months, series=tuple(series), x_ticks=x_ticks, y_ticks=y_ticks)
