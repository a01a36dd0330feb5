"""A minimal PNG writer (RGB, 8 bits, no interlace, filter 0 on every row): zlib and struct only, so that a
chart becomes a picture without Pillow. Pure Python: no Django."""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_rgb(width: int, height: int, rows: list[bytes], *, dpi: int = 150) -> bytes:
    """The PNG of ``rows`` (top to bottom, each ``3 * width`` bytes of R, G, B).

    ``dpi`` goes in a pHYs chunk, so that a viewer shows the picture at a sensible size on its own.

    Raises:
        ValueError: a size below 1, or a row count or row length that does not match it.
    """
    if width < 1 or height < 1:
        raise ValueError(f"a PNG needs a size of at least 1 x 1, got {width} x {height}")
    if len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError(f"expected {height} rows of {3 * width} bytes")
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, deflate, filter 0, no interlace
    per_metre = round(dpi / 0.0254)
    phys = struct.pack(">IIB", per_metre, per_metre, 1)
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (None) on each scanline
    return (
        SIGNATURE
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"pHYs", phys)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )
