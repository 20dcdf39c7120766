"""The monitor's rules, one module per thing they detect. Each rule has a name and a one-line
*why*.

Modules: ``base`` (labels, the rule records, regex helpers), ``vocabulary`` (services, goods,
the public, the in-house option, assets: shared by several labels), ``outsourcing``
(with ``awards`` and ``transfers``),
``not_outsourcing`` (outsourcing's false friends), ``notice_words`` (what notices name),
``assets``, ``consultation`` with ``consultation_false_friends`` and
``consultation_by_others``, ``inhouse``
(each label's rules and false friends),
``decisions`` (records that decide nothing yet) with ``decision_sentences`` (the shape of a
decision sentence)
and ``subject`` (what a whole record is about: a service, or goods, works and advice).
This package re-exports them all: ``from monitor import rules as R`` then ``R.ASSET_RULES``.

How they are used (see ``classify.py``, and ``docs/monitor.md`` for the plain-words version):

* A :class:`Rule` finds evidence for one label in one sentence. ``pattern`` is what the quote is
  centred on; ``also`` must appear in the same sentence too; ``section`` limits the rule to
  sentences under one kind of heading (e.g. "Other options considered"). ``weak`` rules
  (unqualified mentions such as "subject to consultation") count only when nothing in the
  document says the consultation was with staff or the market.
* A :class:`FalseFriend` sets aside a match that looks like evidence but is not: "in
  consultation with the Cabinet Member" (delegation wording), "market engagement", staff or
  TUPE consultation, a lease *to* the council, goods and works, an option that was rejected...
  Set-aside matches are returned as ``discounted`` evidence so that reviewers can see them.
* A :class:`Blocker` is a document-level fact that means the record is not outsourcing at all,
  however much outsourcing vocabulary it has: insourcing, a council-owned company (LATCo), a
  shared service between councils.

The patterns follow how UK councils word decisions, reports, forward plans, statutory notices
and procurement notices. All are case-insensitive. Each pattern is written as a list of
alternatives, one way of saying it per line.
"""

from __future__ import annotations

from monitor.rules.assets import ASSET_RULES
from monitor.rules.assets_false_friends import ASSET_FALSE_FRIENDS
from monitor.rules.base import (
    ASSET_SALE,
    CONSULTATION,
    INHOUSE,
    LABELS,
    OUTSOURCING,
    RULES_SERIES,
    Blocker,
    FalseFriend,
    Rule,
)
from monitor.rules.blockers import BLOCKERS
from monitor.rules.consultation import CONSULTATION_RULES
from monitor.rules.consultation_false_friends import (
    CONSULTATION_FALSE_FRIENDS,
    STAFF_OR_MARKET_CONSULTATION,
)
from monitor.rules.decision_sentences import (
    DATED_PAST_DECISION,
    DECISION_SENTENCE,
    FORMAL_PROPOSAL_SENTENCE,
    PROPOSAL_SENTENCE,
)
from monitor.rules.decisions import DECISION_FALSE_FRIENDS
from monitor.rules.inhouse import (
    INHOUSE_FALSE_FRIENDS,
    INHOUSE_RULES,
)
from monitor.rules.inhouse_vocabulary import (
    INHOUSE_DESCRIPTOR,
    INHOUSE_TERM,
    OPTION_CONTEXT,
    REASON_AGAINST,
)
from monitor.rules.not_outsourcing import OUTSOURCING_FALSE_FRIENDS, POLICY_QUESTIONS
from monitor.rules.notice_words import (
    NOT_LETTING_NOTICE_TYPES,
    NOTICE_LETS_NO_CONTRACT,
    NOTICE_SERVICE_SUBJECT,
    NOTICE_SIGNALS,
    NOTICE_TITLE_SERVICE,
    OUTSOURCING_NOTICE_TYPES,
)
from monitor.rules.outsourcing import OUTSOURCING_RULES
from monitor.rules.subject import (
    GENERIC_CONTRACT_RULES,
    NAMES_A_SERVICE,
    SUBJECT_NOT_A_SERVICE,
    TITLE_NAMES_A_SERVICE,
)
from monitor.rules.vocabulary import (
    ASSET_OBJECT,
    COUNCILLORS,
    GOODS,
    JOB_TITLES,
    NOT_PEOPLE,
    PUBLIC,
    PUBLIC_RE,
    SERVICE_DOMAIN,
    STAFF,
    mask_named_bodies,
)

# The order is the order false friends are tried in (the first that fits names the reason).
FALSE_FRIENDS: tuple[FalseFriend, ...] = (
    DECISION_FALSE_FRIENDS
    + OUTSOURCING_FALSE_FRIENDS
    + ASSET_FALSE_FRIENDS
    + CONSULTATION_FALSE_FRIENDS
    + INHOUSE_FALSE_FRIENDS
)
ALL_RULES: tuple[Rule, ...] = OUTSOURCING_RULES + ASSET_RULES + CONSULTATION_RULES + INHOUSE_RULES

__all__ = [
    "ALL_RULES",
    "ASSET_FALSE_FRIENDS",
    "ASSET_OBJECT",
    "ASSET_RULES",
    "ASSET_SALE",
    "BLOCKERS",
    "CONSULTATION",
    "CONSULTATION_FALSE_FRIENDS",
    "CONSULTATION_RULES",
    "COUNCILLORS",
    "DATED_PAST_DECISION",
    "DECISION_FALSE_FRIENDS",
    "DECISION_SENTENCE",
    "FALSE_FRIENDS",
    "FORMAL_PROPOSAL_SENTENCE",
    "GENERIC_CONTRACT_RULES",
    "GOODS",
    "INHOUSE",
    "INHOUSE_DESCRIPTOR",
    "INHOUSE_FALSE_FRIENDS",
    "INHOUSE_RULES",
    "INHOUSE_TERM",
    "JOB_TITLES",
    "LABELS",
    "NAMES_A_SERVICE",
    "NOTICE_LETS_NO_CONTRACT",
    "NOTICE_SERVICE_SUBJECT",
    "NOTICE_SIGNALS",
    "NOTICE_TITLE_SERVICE",
    "NOT_LETTING_NOTICE_TYPES",
    "NOT_PEOPLE",
    "OPTION_CONTEXT",
    "OUTSOURCING",
    "OUTSOURCING_FALSE_FRIENDS",
    "OUTSOURCING_NOTICE_TYPES",
    "OUTSOURCING_RULES",
    "POLICY_QUESTIONS",
    "PROPOSAL_SENTENCE",
    "PUBLIC",
    "PUBLIC_RE",
    "REASON_AGAINST",
    "RULES_SERIES",
    "SERVICE_DOMAIN",
    "STAFF",
    "STAFF_OR_MARKET_CONSULTATION",
    "SUBJECT_NOT_A_SERVICE",
    "TITLE_NAMES_A_SERVICE",
    "Blocker",
    "FalseFriend",
    "Rule",
    "mask_named_bodies",
]
