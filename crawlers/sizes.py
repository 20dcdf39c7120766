"""File sizes: read from a listing's size note, written for people."""

from __future__ import annotations

import re

_SIZE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(bytes|b|kb|k|mb|m|gb|g)\b", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2}
_UNITS |= {"g": 1024**3, "gb": 1024**3}


def listed_size(text: str | None) -> int | None:
    """Bytes from a listing's size note: ModernGov's "PDF 119 KB", CMIS's "4.30 Mb"."""
    match = _SIZE.search(text or "")
    if not match:
        return None
    return int(float(match.group(1).replace(",", ".")) * _UNITS[match.group(2).lower()])


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
