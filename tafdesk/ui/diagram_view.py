"""The Qt painter of the shared display list, and the zoomable, draggable view showing it.

The same ``Prim`` list the PDF shows is turned into scene items; everything drawn for one person
(or one ecomap system) is one group that can be picked, moved with the mouse or the arrow keys,
and opened with Enter or a double click.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from ..models.genogram.drawing import Prim
from ..models.genogram.metrics import text_width
from ..resources import resource_path

STEP = 8.0  # points an arrow key moves the chosen symbol


@cache
def diagram_family() -> str:
    """The shipped Noto Sans, so that the screen shows the same letters the layout measured."""
    fid = QFontDatabase.addApplicationFont(str(resource_path("fonts", "NotoSans-Regular.ttf")))
    fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    QFontDatabase.addApplicationFont(str(resource_path("fonts", "NotoSans-Bold.ttf")))
    QFontDatabase.addApplicationFont(str(resource_path("fonts", "NotoSans-Italic.ttf")))
    return fams[0] if fams else QFont().family()


@cache
def _points_per_unit() -> float:
    """Font size giving text as wide as the layout measured it (one scene unit = one point)."""
    ref = "Hamburgefonstiv Kelly Hartley 1988"
    probe = QFont(diagram_family())
    probe.setPointSizeF(10.0)
    return text_width(ref, 10.0) / QFontMetricsF(probe).horizontalAdvance(ref) * 10.0 / 10.0


def _font(p: Prim) -> QFont:
    font = QFont(diagram_family())
    font.setPointSizeF(max(p.size * _points_per_unit(), 0.5))
    font.setBold(p.bold)
    font.setItalic(p.italic)
    return font


def prim_item(p: Prim) -> QGraphicsItem:
    pen = QPen(QColor(p.stroke)) if p.stroke else QPen(Qt.PenStyle.NoPen)
    if p.stroke:
        pen.setWidthF(p.width)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if p.dash:
            pen.setDashPattern([max(d / max(p.width, 0.1), 0.1) for d in p.dash])
    brush = QBrush(QColor(p.fill)) if p.fill and p.kind != "text" else QBrush(Qt.BrushStyle.NoBrush)
    if p.kind == "ellipse":
        (x0, y0), (x1, y1) = p.points
        item: QGraphicsItem = QGraphicsEllipseItem(QRectF(QPointF(x0, y0), QPointF(x1, y1)))
        item.setPen(pen)
        item.setBrush(brush)
    elif p.kind == "text":
        text = QGraphicsSimpleTextItem(p.text)
        font = _font(p)
        text.setFont(font)
        text.setBrush(QBrush(QColor(p.fill or "#1a1a1a")))
        fm = QFontMetricsF(font)
        w = fm.horizontalAdvance(p.text)
        x, y = p.points[0]
        dx = {"start": 0.0, "end": -w}.get(p.anchor, -w / 2)
        text.setPos(x + dx, y - fm.ascent())
        item = text
    else:
        path = QPainterPath(QPointF(*p.points[0]))
        for pt in p.points[1:]:
            path.lineTo(QPointF(*pt))
        if p.kind == "poly":
            path.closeSubpath()
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(brush)
    item.setZValue(p.layer)
    return item


class Movable(QGraphicsItemGroup):
    """Everything drawn for one person or system; moving it asks for the move to be saved."""

    def __init__(self, owner: str, centre: tuple[float, float], view: DiagramView) -> None:
        super().__init__()
        self.owner = owner
        self.centre = centre
        self._view = view
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        if view.editable:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCursor(Qt.CursorShape.OpenHandCursor if view.editable else Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().mouseReleaseEvent(event)
        if self.pos() != QPointF(0, 0):
            self._view.moved.emit(self.owner, self.centre[0] + self.pos().x(), self.centre[1] + self.pos().y())

    def mouseDoubleClickEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self._view.activated.emit(self.owner)


class DiagramView(QGraphicsView):
    moved = Signal(str, float, float)  # owner, new centre x, y (diagram points)
    activated = Signal(str)  # Enter or double click on a person or system
    picked = Signal(str)  # the chosen person or system changed ("" for none)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setAccessibleName(name)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.editable = True
        self.groups: dict[str, Movable] = {}
        self.scene().selectionChanged.connect(self._selection)
        # Zoom 1 shows the layout's 7-point labels at the size of the user's own font.
        base = self.font().pointSizeF()
        self.base_zoom = base / 7.0 if base > 0 else 1.0

    def show_prims(self, prims: list[Prim], movable: dict[str, tuple[float, float]], *, editable: bool) -> None:
        chosen = self.chosen()
        self.editable = editable
        scene = self.scene()
        scene.blockSignals(True)
        scene.clear()
        self.groups = {}
        for p in prims:
            item = prim_item(p)
            if p.owner in movable and p.layer >= 3:
                group = self.groups.get(p.owner)
                if group is None:
                    group = self.groups[p.owner] = Movable(p.owner, movable[p.owner], self)
                    group.setZValue(3)
                    scene.addItem(group)
                group.addToGroup(item)
            else:
                scene.addItem(item)
        rect = scene.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        scene.setSceneRect(rect)
        scene.blockSignals(False)
        if chosen in self.groups:
            self.choose(chosen)

    def chosen(self) -> str:
        sel = [i for i in self.scene().selectedItems() if isinstance(i, Movable)]
        return sel[0].owner if sel else ""

    def choose(self, owner: str) -> None:
        group = self.groups.get(owner)
        self.scene().clearSelection()
        if group is not None:
            group.setSelected(True)
            self.scene().setFocusItem(group)
            self.ensureVisible(group)

    def _selection(self) -> None:
        self.picked.emit(self.chosen())

    # Zoom.
    def zoom_by(self, factor: float) -> None:
        now = self.transform().m11()
        if 0.05 <= now * factor <= 12:
            self.scale(factor, factor)

    def fit(self) -> None:
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.resetTransform()
        self.scale(self.base_zoom, self.base_zoom)

    def zoom(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        owner = self.chosen()
        moves = {Qt.Key.Key_Left: (-STEP, 0), Qt.Key.Key_Right: (STEP, 0), Qt.Key.Key_Up: (0, -STEP),
                 Qt.Key.Key_Down: (0, STEP)}
        if owner and self.editable and event.key() in moves and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            dx, dy = moves[Qt.Key(event.key())]
            c = self.groups[owner].centre
            self.moved.emit(owner, c[0] + dx, c[1] + dy)
            return
        if owner and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit(owner)
            return
        if event.key() in moves and self.groups and not event.modifiers():
            order = sorted(self.groups, key=lambda k: (self.groups[k].centre[1], self.groups[k].centre[0]))
            i = order.index(owner) if owner in order else -1
            step = -1 if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Up) else 1
            self.choose(order[max(0, min(len(order) - 1, i + step))])
            return
        super().keyPressEvent(event)

    def image(self, scale: float = 2.0) -> QImage:
        rect = self.scene().sceneRect()
        img = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_ARGB32)
        img.fill(QColor("#ffffff"))
        painter = QPainter(img)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.scene().clearSelection()
        self.scene().render(painter, QRectF(img.rect()), rect)
        painter.end()
        return img
