"""The sample documents' file formats, written with the standard library only: a minimal
PDF writer (text pages, an encrypted PDF with RC4 under the standard security handler
revision 2, a scanned-style PDF with no text layer, a broken PDF) and a DOCX writer. The
simulated council sites serve what these write."""

from __future__ import annotations

import hashlib
import html
import io
import struct
import zipfile


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(line: str, width: int = 88) -> list[str]:
    words, lines, current = line.split(" "), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def _page_stream(lines: list[str]) -> bytes:
    out = [b"BT /F1 11 Tf 56 790 Td 15 TL"]
    for line in lines:
        for part in _wrap(line) if line else [""]:
            out.append(_pdf_string(part) + b" Tj T*")
    out.append(b"ET")
    return b"\n".join(out)


def _scan_stream() -> bytes:
    # An inline grey image and nothing else: what a scanned page looks like to a text layer.
    pixels = bytes(range(40, 240, 12))[:16].ljust(16, b"\x80")
    return b"q 480 0 0 640 56 100 cm BI /W 4 /H 4 /CS /G /BPC 8 ID " + pixels + b" EI Q"


_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def make_pdf(
    pages: list[list[str]] | None = None,
    *,
    streams: list[bytes] | None = None,
    user_password: str | None = None,
    title: str = "SAMPLE DATA",
) -> bytes:
    """A small valid PDF: one Helvetica text page per list of lines (or raw ``streams``).
    With ``user_password`` the file is encrypted (40-bit RC4, PDF 1.4 standard handler),
    so a reader without the password cannot open it."""
    contents = streams if streams is not None else [_page_stream(p) for p in pages or [[""]]]
    n = len(contents)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs, then encrypt.
    objects: dict[int, bytes] = {}
    page_ids = [5 + 2 * i for i in range(n)]
    file_id = hashlib.md5(b"".join(contents) + title.encode()).digest()
    key: bytes | None = None
    encrypt_id = 5 + 2 * n
    if user_password is not None:
        owner = (b"sample-owner" + _PAD)[:32]
        user = (user_password.encode("latin-1") + _PAD)[:32]
        o_value = _rc4(hashlib.md5(owner).digest()[:5], user)
        permissions = -44
        key = hashlib.md5(user + o_value + struct.pack("<i", permissions) + file_id).digest()[:5]
        u_value = _rc4(key, _PAD)
        objects[encrypt_id] = (
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + o_value.hex().encode()
            + b"> /U <"
            + u_value.hex().encode()
            + b"> /P "
            + str(permissions).encode()
            + b" >>"
        )

    def crypt(obj_id: int, data: bytes) -> bytes:
        if key is None:
            return data
        object_key = hashlib.md5(key + struct.pack("<i", obj_id)[:3] + b"\x00\x00").digest()
        return _rc4(object_key[:10], data)

    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    kids = b" ".join(f"{p} 0 R".encode() for p in page_ids)
    objects[2] = b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(n).encode() + b" >>"
    objects[3] = (
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects[4] = b"<< /Title " + _pdf_string(title) + b" /Producer (oursay sim) >>"
    if key is not None:  # strings are encrypted too
        objects[4] = b"<< /Title <" + crypt(4, title.encode("cp1252", "replace")).hex().encode()
        objects[4] += b"> >>"
    for page_id, content in zip(page_ids, contents, strict=True):
        data = crypt(page_id + 1, content)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents "
            + str(page_id + 1).encode()
            + b" 0 R >>"
        )
        objects[page_id + 1] = (
            b"<< /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for obj_id in sorted(objects):
        offsets[obj_id] = len(out)
        out += f"{obj_id} 0 obj\n".encode() + objects[obj_id] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for obj_id in range(1, size):
        out += f"{offsets[obj_id]:010d} 00000 n \n".encode()
    ident = file_id.hex()
    trailer = f"trailer\n<< /Size {size} /Root 1 0 R /Info 4 0 R /ID [<{ident}> <{ident}>]"
    if key is not None:
        trailer += f" /Encrypt {encrypt_id} 0 R"
    out += trailer.encode() + f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_scanned_pdf(pages: int = 1) -> bytes:
    return make_pdf(streams=[_scan_stream() for _ in range(pages)], title="SAMPLE scan")


# A download cut short: a PDF header, the start of an object, then nothing usable.
BROKEN_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Ty"


def make_docx(pages: list[list[str]]) -> bytes:
    """A minimal Word document: one paragraph per line, a page break between pages."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body: list[str] = []
    for number, lines in enumerate(pages):
        if number:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        for line in lines:
            body.append(
                f'<w:p><w:r><w:t xml:space="preserve">{html.escape(line)}</w:t></w:r></w:p>'
            )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{w}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
