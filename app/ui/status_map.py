"""The status map: every code 100–599 at a glance, following the search.

Five bands, one per class, each a 10×10 grid of its hundred codes (x00 … x99, row by row).
A tile is *filled* in its class colour when IANA assigned the code, *outlined* in its
source's colour when only unofficial sources use it, *hatched* when IANA lists it as
unused, obsoleted, deprecated or temporary, and *faint* when nobody uses it. A small badge
counts the imported codes mapped to it (their own code or the HTTP status they are returned
with). Tiles the current query and filters do not match are dimmed; the selected code is
outlined. The window feeds it (:meth:`StatusMap.set_tiles`, :meth:`set_counts`,
:meth:`set_matching`, :meth:`set_selected`); the counts and the matching statuses come from
the query index (``QueryEngine.status_counts`` / ``statuses_in``), never from a walk over
the rows on the UI thread.

Mouse: hover for a tooltip, click selects the code. Keyboard: arrows move across tiles,
Enter/Space selects the code and hands focus to the table. ``render`` paints it anywhere
(export to PNG or SVG: :func:`export_map`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.models.columns import CLASS_NAMES
from app.registry.entry import StatusEntry
from app.services.i18n import translate

CLASSES = ("1xx", "2xx", "3xx", "4xx", "5xx")
# class colours on a light and on a dark background
LIGHT = {"1xx": "#1565c0", "2xx": "#2e7d32", "3xx": "#6a1b9a", "4xx": "#c62828", "5xx": "#ad1457"}
DARK = {"1xx": "#64b5f6", "2xx": "#81c784", "3xx": "#ce93d8", "4xx": "#ef9a9a", "5xx": "#f48fb1"}
SOURCE_COLOURS = {
    "nginx": "#009639",
    "Cloudflare": "#f38020",
    "AWS ELB": "#ff9900",
    "Microsoft": "#0078d4",
    "Laravel": "#ff2d20",
    "Twitter": "#1d9bf0",
    "Shopify": "#5e8e3e",
    "Esri": "#0079c1",
    "Apache": "#d22128",
    "Pantheon": "#ffdc28",
}
_SPARE = ("#00897b", "#6d4c41", "#5c6bc0", "#c0ca33", "#8e24aa", "#f4511e")
ASSIGNED, HATCHED, UNOFFICIAL, UNASSIGNED = "assigned", "hatched", "unofficial", "unassigned"
DIMMED = 0.16  # opacity of tiles the query does not match
MARGIN, GAP, LABEL = 6, 10, 18  # pixels: around, between bands, band titles
_BOTTOM_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)


@dataclass(frozen=True, slots=True)
class Tile:
    code: str
    kind: str  # ASSIGNED, HATCHED, UNOFFICIAL, UNASSIGNED
    entries: tuple[StatusEntry, ...]  # the built-in meanings, IANA first
    source_colour: str = ""


def tiles_of(entries: Iterable[StatusEntry]) -> dict[str, Tile]:
    """The 500 tiles from the built-in entries (imported codes are counted, not drawn)."""
    by_code: dict[str, list[StatusEntry]] = {}
    for entry in entries:
        if entry.registry == "builtin" and len(entry.code) == 3 and entry.code.isdigit():
            by_code.setdefault(entry.code, []).append(entry)
    tiles = {}
    for number in range(100, 600):
        code = str(number)
        found = sorted(by_code.get(code, ()), key=lambda e: e.source != "IANA")
        kind, colour = UNASSIGNED, ""
        if found and found[0].source == "IANA":
            kind = ASSIGNED if found[0].lifecycle == "standard" else HATCHED
        elif found:
            kind, colour = UNOFFICIAL, source_colour(found[0].source)
        tiles[code] = Tile(code, kind, tuple(found), colour)
    return tiles


def source_colour(source: str) -> str:
    known = SOURCE_COLOURS.get(source)
    return known or _SPARE[sum(map(ord, source)) % len(_SPARE)]


def badge_text(count: int) -> str:
    if count < 1000:
        return str(count)
    if count < 1_000_000:
        return f"{count / 1000:.0f}k" if count >= 10_000 else f"{count / 1000:.1f}k"
    return f"{count / 1_000_000:.1f}M"


class StatusMap(QWidget):
    """See the module docstring. ``code_clicked(code)``: a tile was clicked or chosen with
    the keyboard; ``activated``: Enter, to move on to the table."""

    code_clicked = Signal(str)
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.language = "en"
        self._tiles: dict[str, Tile] = {}
        self._counts: dict[str, int] = {}
        self._matching: frozenset[str] | None = None  # None: every tile matches
        self._selected = ""
        self._cursor = "100"
        self._version = 0  # bumped when what the cached layers show changes
        self._cache: tuple[object, QPixmap, QPixmap] | None = None
        self.retranslate_ui()

    # ------------------------------------------------------------------ data
    def set_tiles(self, entries: Iterable[StatusEntry]) -> None:
        self._tiles = tiles_of(entries)
        self._changed()

    def set_counts(self, counts: dict[str, int]) -> None:
        """Imported codes per HTTP status (the badges)."""
        self._counts = {c: n for c, n in counts.items() if c in self._tiles or not self._tiles}
        self._changed()

    def _changed(self) -> None:
        self._version += 1
        self.update()

    def set_matching(self, statuses: Iterable[str] | None) -> None:
        """The statuses the current result holds (None: no query, nothing dims)."""
        matching = None if statuses is None else frozenset(statuses)
        if matching != self._matching:
            self._matching = matching
            self.update()

    def set_selected(self, code: str) -> None:
        if code != self._selected:
            self._selected = code
            if code in self._tiles:
                self._cursor = code
            self._describe()
            self.update()

    def is_dimmed(self, code: str) -> bool:
        return self._matching is not None and code not in self._matching

    def count(self, code: str) -> int:
        return self._counts.get(code, 0)

    # ------------------------------------------------------------------ geometry
    def sizeHint(self) -> QSize:
        return QSize(5 * 10 * 22 + 4 * GAP + 2 * MARGIN, 10 * 22 + LABEL + 2 * MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(5 * 10 * 7 + 4 * GAP + 2 * MARGIN, 10 * 7 + LABEL + 2 * MARGIN)

    def _tile_size(self, width: int, height: int) -> int:
        across = (width - 2 * MARGIN - 4 * GAP) // 50
        down = (height - 2 * MARGIN - LABEL) // 10
        return max(4, min(across, down))

    def tile_rect(self, code: str) -> QRect:
        """Where a code's tile is drawn, in widget coordinates (empty for other codes)."""
        return self._tile_rect(code, self.width(), self.height())

    def _tile_rect(self, code: str, width: int, height: int) -> QRect:
        if not (len(code) == 3 and code.isdigit() and "100" <= code <= "599"):
            return QRect()
        size = self._tile_size(width, height)
        band = int(code[0]) - 1
        within = int(code[1:])
        total = 50 * size + 4 * GAP
        left = max(MARGIN, (width - total) // 2) + band * (10 * size + GAP)
        x = left + (within % 10) * size
        y = MARGIN + LABEL + (within // 10) * size
        return QRect(x, y, size - 1, size - 1)

    def code_at(self, point: QPoint) -> str:
        size = self._tile_size(self.width(), self.height())
        for band in range(5):
            corner = self.tile_rect(f"{band + 1}00").topLeft()
            col = (point.x() - corner.x()) // size
            row = (point.y() - corner.y()) // size
            if 0 <= col < 10 and 0 <= row < 10:
                return f"{band + 1}{row * 10 + col:02d}"
        return ""

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event: QPaintEvent) -> None:
        """Two cached layers (every tile bright, every tile dimmed), remade only when the
        size, palette or data change: a keystroke's repaint copies the matching tiles."""
        width, height = self.width(), self.height()
        bright, dimmed = self._layers(width, height)
        painter = QPainter(self)
        if self._matching is None:
            painter.drawPixmap(0, 0, bright)
        else:
            painter.drawPixmap(0, 0, dimmed)
            for code in self._matching:
                if code in self._tiles:
                    rect = self._tile_rect(code, width, height).adjusted(0, 0, 1, 1)
                    painter.drawPixmap(rect, bright, rect)
        self._paint_marks(painter, width, height, self.hasFocus())
        painter.end()

    def _layers(self, width: int, height: int) -> tuple[QPixmap, QPixmap]:
        palette = self.palette()
        ratio = self.devicePixelRatioF()
        key = (
            width,
            height,
            ratio,
            palette.color(QPalette.ColorRole.Base).rgba(),
            palette.color(QPalette.ColorRole.Text).rgba(),
            self.font().key(),
            self._version,
        )
        if self._cache is None or self._cache[0] != key:
            layers = []
            for matching in (None, frozenset[str]()):
                pixmap = QPixmap(round(width * ratio), round(height * ratio))
                pixmap.setDevicePixelRatio(ratio)
                painter = QPainter(pixmap)
                painter.setFont(self.font())
                self._paint_tiles_layer(painter, width, height, matching)
                painter.end()
                layers.append(pixmap)
            self._cache = (key, layers[0], layers[1])
        return self._cache[1], self._cache[2]

    def render_map(self, painter: QPainter, width: int, height: int, focus: bool = False) -> None:
        """Paint the whole map into ``painter`` (an image, an SVG) as the widget shows it."""
        self._paint_tiles_layer(painter, width, height, self._matching)
        self._paint_marks(painter, width, height, focus)

    def _paint_tiles_layer(
        self, painter: QPainter, width: int, height: int, matching: frozenset[str] | None
    ) -> None:
        """Titles, tiles, codes and badges; ``matching``: the tiles left bright (None: all)."""

        def dimmed(code: str) -> bool:
            return matching is not None and code not in matching

        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base)
        dark = background.lightness() < 128
        colours = DARK if dark else LIGHT
        text = palette.color(QPalette.ColorRole.Text)
        painter.fillRect(QRect(0, 0, width, height), background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        size = self._tile_size(width, height)
        font = QFont(painter.font())
        font.setPixelSize(max(7, min(12, LABEL - 6)))
        painter.setFont(font)
        for band, name in enumerate(CLASSES):
            corner = self._tile_rect(f"{band + 1}00", width, height)
            painter.setPen(QColor(colours[name]))
            title = f"{name} {translate('Classes', CLASS_NAMES.get(name, ''))}"
            painter.drawText(
                QRect(corner.x(), MARGIN, 10 * size, LABEL - 2),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
        badge_font = QFont(font)
        badge_font.setPixelSize(max(6, size // 3))
        groups: dict[tuple[str, str, bool], list[QRect]] = {}  # one draw call per group
        for code, tile in self._tiles.items():
            colour = tile.source_colour if tile.kind == UNOFFICIAL else colours[f"{code[0]}xx"]
            key = (tile.kind, colour, dimmed(code))
            groups.setdefault(key, []).append(self._tile_rect(code, width, height))
        for (kind, colour, faint), rects in groups.items():
            painter.setOpacity(DIMMED if faint else 1.0)
            self._paint_tiles(painter, rects, kind, QColor(colour), text)
        if size >= 18:  # the code on each used tile, as on a poster
            painter.setFont(badge_font)
            for code, tile in self._tiles.items():
                if tile.kind != UNASSIGNED:
                    painter.setOpacity(DIMMED if dimmed(code) else 1.0)
                    painter.setPen(background if tile.kind == ASSIGNED else text)
                    rect = self._tile_rect(code, width, height)
                    painter.drawText(rect.adjusted(2, 0, 0, -1), _BOTTOM_LEFT, code)
        if size >= 10:
            painter.setFont(badge_font)
            for code, count in self._counts.items():
                if code in self._tiles:
                    painter.setOpacity(DIMMED if dimmed(code) else 1.0)
                    rect = self._tile_rect(code, width, height)
                    self._paint_badge(painter, rect, badge_text(count), text, background)
        painter.setOpacity(1.0)

    def _paint_marks(self, painter: QPainter, width: int, height: int, focus: bool) -> None:
        """The selected code's outline and, with the keyboard focus, the cursor tile's."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        if self._selected in self._tiles:
            rect = self._tile_rect(self._selected, width, height).adjusted(-2, -2, 2, 2)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
        if focus and self._cursor in self._tiles:
            rect = self._tile_rect(self._cursor, width, height).adjusted(-1, -1, 1, 1)
            painter.setPen(QPen(text, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)

    @staticmethod
    def _paint_tiles(
        painter: QPainter, rects: list[QRect], kind: str, colour: QColor, text: QColor
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        if kind == ASSIGNED:
            painter.setBrush(colour)
            painter.drawRects(rects)
        elif kind == HATCHED:
            faint = QColor(colour)
            faint.setAlpha(60)
            painter.setBrush(faint)
            painter.drawRects(rects)
            painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
            painter.drawRects(rects)
        elif kind == UNOFFICIAL:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colour, 2))
            painter.drawRects([r.adjusted(1, 1, -1, -1) for r in rects])
        else:
            faint = QColor(text)
            faint.setAlpha(28)
            painter.setBrush(faint)
            painter.drawRects(rects)

    @staticmethod
    def _paint_badge(
        painter: QPainter, rect: QRect, label: str, text: QColor, background: QColor
    ) -> None:
        width = max(rect.width() // 2, painter.fontMetrics().horizontalAdvance(label) + 2)
        height = max(6, rect.height() // 2)
        box = QRectF(rect.right() - width + 1, rect.top(), width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text)
        painter.drawRect(box)
        painter.setPen(background)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label)

    # ------------------------------------------------------------------ interaction
    def describe(self, code: str) -> str:
        """The tooltip and screen-reader text of a tile."""
        tile = self._tiles.get(code)
        if tile is None:
            return ""
        if tile.entries:
            lines = [f"{code} {e.text('phrase', self.language)} — {e.source}" for e in tile.entries]
        else:
            lines = [translate("StatusMap", "%1 — unassigned").replace("%1", code)]
        count = self._counts.get(code, 0)
        if count:
            lines.append(
                translate("StatusMap", "%1 imported codes map to it").replace("%1", f"{count:,}")
            )
        if self.is_dimmed(code):
            lines.append(translate("StatusMap", "Not in the current results"))
        return "\n".join(lines)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QHelpEvent.Type.ToolTip:
            code = self.code_at(event.pos())
            if code:
                QToolTip.showText(event.globalPos(), self.describe(code), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        code = self.code_at(event.position().toPoint())
        if code and event.button() == Qt.MouseButton.LeftButton:
            self._cursor = code
            self.code_clicked.emit(code)
            self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        moves = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -10,
            Qt.Key.Key_Down: 10,
            Qt.Key.Key_PageUp: -100,
            Qt.Key.Key_PageDown: 100,
        }
        if key in moves:
            number = min(599, max(100, int(self._cursor) + moves[Qt.Key(key)]))
            self._cursor = str(number)
            self._describe()
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.code_clicked.emit(self._cursor)
            self.activated.emit()
        else:
            super().keyPressEvent(event)

    @property
    def cursor_code(self) -> str:
        return self._cursor

    def _describe(self) -> None:
        self.setAccessibleDescription(self.describe(self._cursor))

    def retranslate_ui(self) -> None:
        self.setAccessibleName(translate("StatusMap", "Status map"))
        self.setToolTip("")
        self._describe()
        self._changed()  # the band titles are translated
