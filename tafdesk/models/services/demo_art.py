"""Direct work for the demo family, drawn here (no file is downloaded): Maja's "three houses".

The "three houses" tool asks a child to fill a house of worries, a house of good things and a
house of dreams. The picture is drawn with Pillow in a child's plain style and kept, like any
scanned worksheet, as a PNG inside the encrypted database.
"""

from __future__ import annotations

import io

from tafdesk.resources import resource_path

HOUSES = (
    ("House of worries", "#c0392b", ["Mum being sad", "can't sleep", "missing school"]),
    ("House of good things", "#27ae60", ["Babcia", "Leo and Ruby", "my friend Ella"]),
    ("House of dreams", "#2e86c1", ["drama club again", "Mum feeling better", "my own room"]),
)


def three_houses_png(width: int = 900, height: int = 560) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (width, height), "#fffdf5")
    d = ImageDraw.Draw(img)
    font_path = str(resource_path("fonts", "NotoSans-Regular.ttf"))
    title = ImageFont.truetype(font_path, 30)
    text = ImageFont.truetype(font_path, 21)
    d.text((width // 2, 34), "My three houses - Maja", fill="#333333", font=title, anchor="mm")
    w = width // 3
    for i, (name, colour, lines) in enumerate(HOUSES):
        x0 = i * w + 22
        x1 = (i + 1) * w - 22
        top = 150
        d.polygon([(x0 - 8, top), ((x0 + x1) // 2, 80), (x1 + 8, top)], outline=colour, width=5)
        d.rectangle([x0, top, x1, height - 40], outline=colour, width=5)
        d.rectangle([(x0 + x1) // 2 - 24, height - 110, (x0 + x1) // 2 + 24, height - 40], outline=colour, width=4)
        d.text(((x0 + x1) // 2, top + 30), name, fill=colour, font=text, anchor="mm")
        for j, line in enumerate(lines):
            d.text((x0 + 16, top + 74 + j * 44), line, fill="#222222", font=text)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
