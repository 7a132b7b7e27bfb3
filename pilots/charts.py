"""Geometry of the dashboard's charts, drawn as inline SVG by the templates.

No chart library and no CDN: the server computes positions in a fixed viewBox and the
templates draw rectangles, lines and labels, each wrapped in a link to its records.
"""

import datetime
from dataclasses import dataclass

WIDTH = 800
LABEL_WIDTH = 170
ROW_HEIGHT = 34


@dataclass
class TimelineBar:
    phase: object
    x: float
    width: float
    y: float
    current: bool


@dataclass
class Timeline:
    bars: list
    today_x: float | None
    today: datetime.date
    height: int
    ticks: list  # (x, label) at each year start


def _x(day, start, span_days) -> float:
    usable = WIDTH - LABEL_WIDTH - 20
    return LABEL_WIDTH + usable * (day - start).days / span_days


def phase_timeline(phases, today: datetime.date) -> Timeline | None:
    """Bars for the phases on one time axis, with today marked.

    An open-ended phase (审核验收, "as the province schedules") runs to the right edge:
    the axis ends at the later of today and the last known date, plus a month.
    """
    phases = list(phases)
    if not phases:
        return None
    start = min(phase.start for phase in phases)
    known_ends = [phase.end for phase in phases if phase.end] + [p.start for p in phases]
    end = max([*known_ends, today]) + datetime.timedelta(days=31)
    start = min(start, today) - datetime.timedelta(days=15)
    span = max((end - start).days, 1)
    bars = []
    for row, phase in enumerate(phases):
        x = _x(phase.start, start, span)
        right = _x(phase.end + datetime.timedelta(days=1), start, span) if phase.end else None
        right = right if right is not None else WIDTH - 20
        current = phase.start <= today and (phase.end is None or today <= phase.end)
        bars.append(TimelineBar(phase, x, max(right - x, 3), 10 + row * ROW_HEIGHT, current))
    ticks = [
        (_x(datetime.date(year, 1, 1), start, span), str(year))
        for year in range(start.year + 1, end.year + 1)
    ]
    return Timeline(
        bars=bars,
        today_x=_x(today, start, span),
        today=today,
        height=20 + len(phases) * ROW_HEIGHT + 20,
        ticks=ticks,
    )


@dataclass
class Segment:
    key: str
    label: str
    count: int
    x: float
    width: float
    url: str


def stacked_bar(parts, total_width: float = WIDTH) -> list[Segment]:
    """Segments of one horizontal bar from (key, label, count, url) parts."""
    total = sum(count for _key, _label, count, _url in parts)
    segments, x = [], 0.0
    for key, label, count, url in parts:
        width = total_width * count / total if total else 0
        segments.append(Segment(key, label, count, x, width, url))
        x += width
    return segments


def percent(value: int, goal: int) -> int:
    """How much of the goal is reached, capped at 100 (a goal of 0 is reached)."""
    if goal <= 0:
        return 100
    return min(100, round(100 * value / goal))
