"""One spelling per page: canonical URLs for what the council spiders store.

Real committee sites link one document several ways: with a ``#search="…"`` fragment from
their search page, with ``#page=3`` from a report, and bare from the agenda. ASP.NET sites
in "cookieless session" mode also put the visitor's session in the path
(``/(S(czobl0450xbqi155ede3ifez))/mgAi.aspx``), so every visit spells every URL anew.
Stored keys and document URLs go through :func:`canonical_url` so each is stored once.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

# ASP.NET cookieless session state: "(S(<24 chars>))", optionally with other cookieless
# tickets "(A(...))", "(F(...))" around it; often percent-encoded in registers.
_COOKIELESS = re.compile(r"/\((?:[A-Z]\([^()/]*\))+\)(?=/|$)")
# Query parameters that carry a visitor's session, not the page.
_SESSION_PARAMS = {"jsessionid", "phpsessid", "asp.net_sessionid", "sessionid", "sid"}


def strip_session_path(path: str) -> str:
    """``path`` without ASP.NET cookieless session segments (plain or percent-encoded)."""
    decoded = unquote(path) if "%28" in path.upper() else path
    stripped = _COOKIELESS.sub("", decoded)
    if stripped == decoded:
        return path
    return stripped or "/"


def canonical_url(url: str) -> str:
    """``url`` without its fragment or session tokens, scheme and host in lower case.

    The query keeps its order (ModernGov pages are addressed by it); only session
    parameters are dropped. A ``;jsessionid=`` path parameter is dropped too.
    """
    text = url.strip()
    if not text:
        return text
    parts = urlsplit(text)
    path = re.sub(r"(?i);jsessionid=[^/?#]*", "", parts.path)
    path = strip_session_path(path)
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if k.lower() not in _SESSION_PARAMS]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, path, query, ""))
