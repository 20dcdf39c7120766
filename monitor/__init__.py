"""The monitor: decides what a council record is and whether it should be flagged.

A record is an *outsourcing* decision (tender, award, extension, transfer of a service to an
outside provider), an *asset sale* (disposal of council land or buildings), both or neither.
For those, the monitor looks for two things the public asks for: a *public consultation* and
an *in-house option* (or a reason why not). A decision without them is flagged.

The classifier: ``text`` (normalisation, sentences, section headings), ``rules`` (the named
patterns, each with a one-line reason), ``classify`` (applies the rules and keeps evidence
quotes), ``evaluate`` (JSON-lines classify and scoring against labelled cases) and ``baseline``
(a plain keyword search, kept only to measure the rules against). The rest of the package
assesses stored records with it. ``docs/monitor.md`` explains the decisions in words for
campaign staff.
"""
