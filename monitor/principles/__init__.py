"""A scorecard per council on the nine Our Services Our Say principles, from public
evidence oursay already stores: one module per group of principles (``contracts``: 1, 2, 6;
``competition``: 7, 9; ``papers``: 3, 4, 5, 8 and the campaign motion), the shared statuses
and helpers in ``base``, storing and history in ``scorecard``. docs/scorecard.md gives the
rules and thresholds.
"""
