"""Fitting the certificate on its one page, and the drawn seal of the certification body.

WeasyPrint cannot shrink text to fit a box, so the certificate is laid out at
decreasing `fit` levels (smaller type and tighter rows for the facts) until no text or
image leaves the frame inside the border: demo-length names fit at level 0, the longest
values the models allow at a later one.
"""

import math
from dataclasses import dataclass

FIT_LEVELS = 7
FRAME_CLASS = "frame"
TOLERANCE_PX = 0.5
# The facts' column and the height left for them in the template's main block (124 mm
# less the statement, rounded up), for guessing the first level worth laying out.
FACTS_WIDTH_MM = 172
FACTS_HEIGHT_MM = 114
PT_MM = 25.4 / 72

# The drawn seal: names along the upper arc as a stamped seal carries them.
SEAL_DIAMETER_MM = 38
SEAL_TEXT_RADIUS_MM = 14.2
SEAL_ARC_DEGREES = 235
SEAL_MAX_CHAR_MM = 4.4
SEAL_MAX_CHARS = 40  # longer names are not arced (the signature line states them)


@dataclass(frozen=True)
class SealCharacter:
    """A character of the seal's arc: its centre and size in mm, its rotation in degrees."""

    char: str
    x_mm: float
    y_mm: float
    size_mm: float
    angle: float

    @property
    def origin_mm(self) -> tuple[float, float]:
        """Where SVG puts the glyph (its baseline's left end, ~0.38 em below the centre
        for CJK), turned with the glyph about its centre."""
        angle = math.radians(self.angle)
        u, v = -self.size_mm / 2, 0.38 * self.size_mm
        return (
            round(self.x_mm + u * math.cos(angle) - v * math.sin(angle), 2),
            round(self.y_mm + u * math.sin(angle) + v * math.cos(angle), 2),
        )


@dataclass(frozen=True)
class SealArc:
    """The seal's arc as one SVG <text>: a position and a rotation per character (one
    text element lays out ~2x faster in WeasyPrint than a text element per character)."""

    text: str
    x: str
    y: str
    rotate: str
    size_mm: float


def seal_arc(name: str) -> SealArc | None:
    placed = seal_characters(name)
    if not placed:
        return None
    origins = [character.origin_mm for character in placed]
    return SealArc(
        text="".join(character.char for character in placed),
        x=" ".join(f"{x:.2f}" for x, _ in origins),
        y=" ".join(f"{y:.2f}" for _, y in origins),
        rotate=" ".join(f"{character.angle:.2f}" for character in placed),
        size_mm=placed[0].size_mm,
    )


def seal_characters(name: str) -> list[SealCharacter]:
    """The characters of `name` placed clockwise on the seal's arc, tops outward."""
    name = "".join(name.split())  # a seal has no spaces (and SVG would collapse them)
    count = len(name)
    if not count or count > SEAL_MAX_CHARS:
        return []
    arc = math.radians(SEAL_ARC_DEGREES)
    step = arc / count
    size = min(SEAL_MAX_CHAR_MM, SEAL_TEXT_RADIUS_MM * step * 0.92)
    centre = SEAL_DIAMETER_MM / 2
    placed = []
    for index, char in enumerate(name):
        angle = -arc / 2 + step * (index + 0.5)
        x = centre + SEAL_TEXT_RADIUS_MM * math.sin(angle)
        y = centre - SEAL_TEXT_RADIUS_MM * math.cos(angle)
        placed.append(
            SealCharacter(
                char=char,
                x_mm=round(x, 2),
                y_mm=round(y, 2),
                size_mm=round(size, 2),
                angle=round(math.degrees(angle), 2),
            )
        )
    return placed


def _boxes(box):
    """`box` and its descendants, absolutely positioned ones included (WeasyPrint leaves
    a placeholder holding the laid-out box in their place)."""
    box = getattr(box, "_box", box)
    yield box
    for child in getattr(box, "children", ()):
        yield from _boxes(child)


def _frame(page_box):
    for box in _boxes(page_box):
        element = getattr(box, "element", None)
        if element is not None and FRAME_CLASS in (element.get("class") or "").split():
            return box
    raise LookupError("the certificate template has no frame box")


def overflowing_boxes(document) -> list:
    """Text and image boxes of `document` not inside the frame; every page past the first
    counts as overflowing too."""
    from weasyprint.formatting_structure.boxes import ReplacedBox, TextBox

    if len(document.pages) != 1:
        return list(document.pages[1:])
    page_box = document.pages[0]._page_box
    frame = _frame(page_box)
    left, top = frame.padding_box_x(), frame.padding_box_y()
    right, bottom = left + frame.padding_width(), top + frame.padding_height()
    outside = []
    for box in _boxes(page_box):
        if not isinstance(box, TextBox | ReplacedBox) or not box.width:
            continue
        if (
            box.position_x < left - TOLERANCE_PX
            or box.position_y < top - TOLERANCE_PX
            or box.position_x + box.margin_width() > right + TOLERANCE_PX
            or box.position_y + box.margin_height() > bottom + TOLERANCE_PX
        ):
            outside.append(box)
    return outside


# Per fit level: size of the facts (pt), their rows' padding (mm), label column (mm),
# statement and signature text (pt).
FIT_STYLES = [
    {"facts_pt": 13, "row_mm": 1.8, "label_mm": 40, "small_pt": 10.5},
    {"facts_pt": 12, "row_mm": 1.4, "label_mm": 37, "small_pt": 10},
    {"facts_pt": 11, "row_mm": 1.1, "label_mm": 34, "small_pt": 9.5},
    {"facts_pt": 10, "row_mm": 0.8, "label_mm": 31, "small_pt": 9},
    {"facts_pt": 9, "row_mm": 0.6, "label_mm": 28, "small_pt": 8.5},
    {"facts_pt": 8, "row_mm": 0.4, "label_mm": 25, "small_pt": 8},
    {"facts_pt": 7, "row_mm": 0.3, "label_mm": 22, "small_pt": 7},
]
assert len(FIT_STYLES) == FIT_LEVELS


def first_fit_guess(values: list[str]) -> int:
    """The first fit level at which the facts look like they fit, counting CJK
    characters as full width and others as half; laying out then confirms it or moves
    on. Saves renders for long values."""
    widths = [sum(1 if ord(char) >= 0x2E80 else 0.5 for char in value) for value in values]
    for level, style in enumerate(FIT_STYLES):
        char_mm = style["facts_pt"] * PT_MM
        per_line = max(1, int((FACTS_WIDTH_MM - style["label_mm"] - 5) / char_mm))
        lines = sum(max(1, math.ceil(width / per_line)) for width in widths)
        height = lines * char_mm * 1.45 + len(values) * 2 * style["row_mm"]
        if height <= FACTS_HEIGHT_MM:
            return level
    return FIT_LEVELS - 1
