"""Printing a tafdesk PDF through the system's printers (Qt's print dialog).

Qt cannot print a PDF as such, so each page is drawn as an image at the printer's resolution
(at most 300 dpi) with PDFium (``pypdfium2``, Apache-2.0/BSD: no poppler or Ghostscript needed
at run time) and painted on the printer's page, whole-page, keeping its proportions.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

MAX_DPI = 300


class PrintFailed(Exception):
    """The printer could not be started (the message is a sentence for the user)."""


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_size() for i in range(len(doc))]
    finally:
        doc.close()


def new_printer(pdf: bytes) -> QPrinter:
    """A printer set up for this document: A4, turned to landscape when its first page is."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the PDF has its own margins
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    sizes = page_sizes(pdf)
    if sizes and sizes[0][0] > sizes[0][1]:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def _image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72, rev_byteorder=True)  # RGB(A) order, as QImage reads it
    try:
        fmt = {3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}[bitmap.n_channels]
        return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
    finally:
        bitmap.close()


def print_pdf(pdf: bytes, printer: QPrinter, *, pages: tuple[int, int] | None = None,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Send ``pdf`` to ``printer`` (pages from..to, 1-based, or all); returns the pages printed."""
    doc = pdfium.PdfDocument(pdf)
    try:
        first, last = pages or (1, len(doc))
        first, last = max(1, first), min(len(doc), last)
        dpi = min(MAX_DPI, max(72, printer.resolution()))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("The printer could not be started; check that it is connected and try again.")
        done = 0
        try:
            for number in range(first, last + 1):
                if done:
                    printer.newPage()
                image = _image(doc[number - 1], dpi)
                area = QRectF(painter.viewport())
                size = QSizeF(image.size()).scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRectF(area.x() + (area.width() - size.width()) / 2,
                                area.y() + (area.height() - size.height()) / 2, size.width(), size.height())
                painter.drawImage(target, image)
                done += 1
                if progress:
                    progress(done, last - first + 1)
        finally:
            painter.end()
        return done
    finally:
        doc.close()


def ask_and_print(pdf: bytes, parent: QWidget, title: str) -> int | None:
    """Show the system print dialog; print if accepted. The pages printed, or None if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = new_printer(pdf)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    count = len(page_sizes(pdf))
    dialog.setMinMax(1, max(1, count))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return None
    pages = None
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        pages = (printer.fromPage(), printer.toPage())
    return print_pdf(pdf, printer, pages=pages)
