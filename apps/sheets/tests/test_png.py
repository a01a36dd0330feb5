"""The PNG writer and the chart drawn with it: a valid file, and bars as long as their values. No database."""

from __future__ import annotations

import struct
import zlib

import pytest

from apps.sheets.charts import (
    DARK,
    LIGHT,
    PNG_BAND_H,
    PNG_MARGIN,
    PNG_WIDTH,
    Pair,
    bar_rows,
    bars_png,
    bars_svg,
    table_rows,
)
from apps.sheets.png import SIGNATURE, png_rgb


def decode(data: bytes) -> tuple[int, int, list[bytes], list[bytes]]:
    """(width, height, RGB rows, chunk types) of a PNG written by png_rgb, every CRC checked."""
    assert data[:8] == SIGNATURE
    pos, kinds, idat, header = 8, [], b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"bad CRC in {kind!r}"
        kinds.append(kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert pos == len(data) and kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    width, height, depth, colour, compression, filtering, interlace = header
    assert (depth, colour, compression, filtering, interlace) == (8, 2, 0, 0, 0)
    raw = zlib.decompress(idat)
    stride = 1 + 3 * width
    assert len(raw) == stride * height
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0  # filter type None
        rows.append(line[1:])
    return width, height, rows, kinds


def count(row: bytes, colour: tuple[int, int, int]) -> int:
    pixel = bytes(colour)
    return sum(1 for i in range(0, len(row), 3) if row[i : i + 3] == pixel)


def test_the_writer_makes_a_valid_png_of_the_given_pixels():
    rows = [bytes([10, 20, 30]) * 3, bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])]
    data = png_rgb(3, 2, rows)
    width, height, decoded, kinds = decode(data)
    assert (width, height) == (3, 2) and decoded == rows
    assert kinds == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    with pytest.raises(ValueError):
        png_rgb(3, 2, rows[:1])
    with pytest.raises(ValueError):
        png_rgb(0, 0, [])


def test_the_chart_png_has_one_band_per_indicator_with_bars_proportional_to_the_values():
    pairs = [Pair("生产总值", "亿元", 330.1, 312.6, "5.6"), Pair("投资", "万元", 50, 100, ""), Pair("零", "", 0, 0)]
    width, height, rows, _ = decode(bars_png(pairs))
    assert height == 2 * PNG_MARGIN + PNG_BAND_H * len(pairs)
    assert width == PNG_WIDTH
    lengths = []
    for i in range(len(pairs)):
        band = rows[PNG_MARGIN + i * PNG_BAND_H : PNG_MARGIN + (i + 1) * PNG_BAND_H]
        dark = max(count(row, DARK) for row in band)
        light = max(count(row, LIGHT) for row in band)
        # each bar is a solid block: as many rows as its height, all of the same length
        assert sum(1 for row in band if count(row, DARK)) == 24 and sum(1 for row in band if count(row, LIGHT)) == 18
        lengths.append((dark, light))
    full = lengths[0][0]
    assert full > 800
    assert lengths[0][1] == pytest.approx(full * 312.6 / 330.1, abs=1)  # scaled to the pair's larger value
    assert lengths[1] == (pytest.approx(full / 2, abs=1), full)
    assert lengths[2] == (1, 1)  # a zero still shows where its bar starts
    assert bars_png([]) == b""


def test_svg_and_png_come_from_the_same_bars_and_the_table_carries_the_words():
    pairs = [Pair("生产总值", "亿元", 330.1, 312.6, "5.6"), Pair("投资", "", 3300000, 20)]
    assert [(round(r.this_share, 3), round(r.last_share, 3)) for r in bar_rows(pairs)] == [(1, 0.947), (1, 0)]
    assert "#1f4e79" in bars_svg(pairs) and "#b4c7e7" in bars_svg(pairs)
    assert table_rows(pairs) == [
        ("指标", "本年", "上年", "增长"),
        ("生产总值（亿元）", "330.1", "312.6", "5.6%"),
        ("投资", "3300000", "20", "—"),
    ]
