"""Small shared widgets and helpers: headings from the system font, state icons, message colours."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from ..models.journey import StepState


def scaled_font(base: QFont, factor: float = 1.0, *, bold: bool = False) -> QFont:
    """The system font scaled relatively, so that the user's font size setting is followed."""
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setBold(bold)
    return font


def heading(text: str, parent: QWidget | None = None, factor: float = 1.3) -> QLabel:
    lbl = QLabel(text, parent)
    lbl.setFont(scaled_font(lbl.font(), factor, bold=True))
    lbl.setWordWrap(True)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` without moving the focus (a refusal, a removal)."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    if QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def add_context_action(widget: QWidget, text: str, slot: object) -> QAction:
    """An entry of a list's context menu (right click, or the Menu key or Shift+F10)."""
    action = QAction(text, widget)
    action.triggered.connect(slot)
    widget.addAction(action)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return action


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def problem_colour(widget: QWidget) -> QColor:
    """A red readable on the current palette (WCAG AA against light and dark windows)."""
    return QColor("#ff8a80") if is_dark(widget) else QColor("#b3261e")


def set_text_colour(label: QLabel, colour: QColor) -> None:
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(pal)


STATE_COLOURS = {
    StepState.DONE: "#2e7d32",
    StepState.IN_PROGRESS: "#1565c0",
    StepState.TO_DO: "#757575",
    StepState.ATTENTION: "#c62828",
    StepState.NOT_NEEDED: "#bdbdbd",
}


def state_icon(state: StepState, size: int = 16) -> QIcon:
    """A plain shape per state. The state is always also given in words; the icon only helps."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS[state])
    m = size * 0.12
    box = pix.rect().toRectF().adjusted(m, m, -m, -m)
    if state in (StepState.DONE, StepState.ATTENTION):
        p.setBrush(colour)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(box)
        pen = p.pen()
        pen.setStyle(Qt.PenStyle.SolidLine)
        pen.setColor(QColor("white"))
        pen.setWidthF(size * 0.12)
        p.setPen(pen)
        c = box.center()
        if state == StepState.DONE:  # a tick
            p.drawPolyline([c + d for d in _pts(size, ((-0.2, 0.0), (-0.05, 0.16), (0.22, -0.14)))])
        else:  # an exclamation mark
            p.drawLine(c + _pt(size, 0, -0.2), c + _pt(size, 0, 0.05))
            p.drawPoint(c + _pt(size, 0, 0.2))
    elif state == StepState.IN_PROGRESS:  # half-filled circle
        pen = p.pen()
        pen.setColor(colour)
        pen.setWidthF(size * 0.1)
        p.setPen(pen)
        p.drawEllipse(box)
        p.setBrush(colour)
        p.drawPie(box, 90 * 16, 180 * 16)
    else:  # an open circle
        pen = p.pen()
        pen.setColor(colour)
        pen.setWidthF(size * 0.1)
        if state == StepState.NOT_NEEDED:
            pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.drawEllipse(box)
    p.end()
    return QIcon(pix)


def _pt(size: int, x: float, y: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    return QPointF(x * size, y * size)


def _pts(size: int, pts: tuple[tuple[float, float], ...]):  # type: ignore[no-untyped-def]
    return [_pt(size, x, y) for x, y in pts]


def app_icon() -> QIcon:
    """The app's icon from its resources; a plain drawn one if they are missing."""
    try:
        from tafdesk.resources import resource_path

        icon = QIcon(str(resource_path("icons", "tafdesk.svg")))
        if not icon.isNull() and not icon.pixmap(32, 32).isNull():
            return icon
    except ImportError:
        pass
    return _drawn_icon()


def _drawn_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor("#1f5f8b"))
        p.setPen(Qt.PenStyle.NoPen)
        r = size * 0.18
        p.drawRoundedRect(pix.rect(), r, r)
        p.setPen(QColor("white"))
        font = QFont()
        font.setPixelSize(max(8, int(size * 0.62)))
        font.setBold(True)
        p.setFont(font)
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, "t")
        p.end()
        icon.addPixmap(pix)
    return icon
