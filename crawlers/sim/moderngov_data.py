"""The data the simulated ModernGov site serves: the SAMPLE DATA file, read through the
``revision`` knob, and the bytes, paths and listed sizes of its documents."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from crawlers.sim.files import BROKEN_PDF, make_docx, make_pdf, make_scanned_pdf
from crawlers.sim.site import SimSite, _e

DATA = Path(__file__).with_name("data")


@cache
def load_data(name: str = "exampleshire_moderngov.json") -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class ModernGovData(SimSite):
    """Data access of ``ModernGovSim`` (which declares the fields used here)."""

    huge_bytes: int
    data_file: str
    _bytes: dict[tuple[str, int], bytes]

    # data access, honouring the revision knob
    @property
    def data(self) -> dict[str, Any]:
        return load_data(self.data_file)

    def _visible(self, entry: dict[str, Any]) -> bool:
        return entry.get("revision", 1) <= self.revision

    def decisions(self) -> list[dict[str, Any]]:
        return [d for d in self.data["decisions"] if self._visible(d)]

    def issue(self, issue_id: int) -> dict[str, Any] | None:
        return next((i for i in self.data["issues"] if i["id"] == issue_id), None)

    def committee(self, committee_id: int) -> dict[str, Any] | None:
        return next((c for c in self.data["committees"] if c["id"] == committee_id), None)

    def meeting(self, meeting_id: int) -> dict[str, Any] | None:
        return next((m for m in self.data["meetings"] if m["id"] == meeting_id), None)

    def document(self, doc_id: str) -> dict[str, Any]:
        return self.data["documents"][doc_id]

    def document_published(self, doc_id: str) -> str:
        doc = self.document(doc_id)
        if self.revision >= 2 and "revision2_published" in doc:
            return doc["revision2_published"]
        return doc.get("published", "")

    def document_bytes(self, doc_id: str) -> bytes:
        doc = self.document(doc_id)
        revision = 2 if self.revision >= 2 and "revision2_pages" in doc else 1
        cache_key = (doc_id, revision if doc["kind"] != "huge" else self.huge_bytes)
        if cache_key not in self._bytes:
            pages = doc.get("revision2_pages") if revision == 2 else doc.get("pages")
            kind = doc["kind"]
            if kind == "pdf":
                body = make_pdf(pages, title=doc["title"])
            elif kind == "docx":
                body = make_docx(pages)
            elif kind == "html":
                paragraphs = "".join(f"<p>{_e(line)}</p>" for line in pages[0])
                body = f"<!DOCTYPE html><html><head><title>{_e(doc['title'])}</title></head>"
                body += f"<body><h1>{_e(doc['title'])}</h1>{paragraphs}</body></html>"
                body = body.encode()
            elif kind == "scanned":
                body = make_scanned_pdf(2)
            elif kind == "broken":
                body = BROKEN_PDF
            elif kind == "encrypted":
                body = make_pdf(pages, user_password="sample-secret", title=doc["title"])
            elif kind == "huge":
                body = b"%PDF-1.4\n" + b"\0" * (self.huge_bytes - 9)
            else:
                raise KeyError(doc_id)
            self._bytes[cache_key] = body
        return self._bytes[cache_key]

    def document_path(self, doc_id: str) -> str:
        """The ``documents/s<id>/<title>.<ext>`` path ModernGov lists (relative)."""
        doc = self.document(doc_id)
        if doc["kind"] == "offsite":
            return doc["url"]
        ext = {"docx": "docx", "html": "htm"}.get(doc["kind"], "pdf")
        folder = "documents/private" if doc.get("robots_disallowed") else "documents"
        return f"{folder}/s{doc_id}/{doc['title']}.{ext}"

    def listed_size(self, doc_id: str) -> str:
        doc = self.document(doc_id)
        if "listed_size" in doc:
            return doc["listed_size"]
        kind = {"docx": "WORD", "html": "HTML"}.get(doc["kind"], "PDF")
        return f"{kind} {max(1, round(len(self.document_bytes(doc_id)) / 1024))} KB"
