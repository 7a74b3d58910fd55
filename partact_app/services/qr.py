"""QR codes of participant links, generated on the server with the ``qrcode`` library.

Error correction M (15 % of the code may be lost: a scratched or folded badge still scans), a quiet zone of four
modules (the standard's minimum), black on white whatever the theme. The SVG is one compact path of horizontal
runs (about a third of the size of the library's own SVG), so a sheet of badges stays light; PNG through the
library's pure-Python PNG writer (``pypng``).
"""

from __future__ import annotations

import base64
import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules of white around the code


def _matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()  # with the quiet zone


def qr_svg(text: str) -> str:
    """The QR code of ``text`` as an SVG document (scalable: size it with CSS)."""
    matrix = _matrix(text)
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{"".join(runs)}"/></svg>'
    )


def qr_data_uri(text: str) -> str:
    """The SVG as a ``data:`` URI for an ``<img>`` (the page's CSP allows ``img-src data:``)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text).encode()).decode()


def qr_png(text: str, scale: int = 10) -> bytes:
    """The QR code as a PNG, ``scale`` pixels per module (10: about 410 px for a participant link)."""
    from qrcode.image.pure import PyPNGImage

    image = qrcode.make(text, image_factory=PyPNGImage, error_correction=ERROR_CORRECT_M, border=QUIET_ZONE,
                        box_size=scale)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
