"""What procurement notices say about outsourcing: the service a notice's text or title
names, and which Procurement Act notice types let a contract or only report on one."""

from __future__ import annotations

from monitor.rules.base import _re, _words
from monitor.rules.vocabulary import ASSET_OBJECT, SERVICE_DOMAIN

# Procurement notices (Find a Tender, Contracts Finder) describe what is bought: a service
# subject makes a tender or award notice an outsourcing notice.
NOTICE_SERVICE_SUBJECT = _re(
    rf"\b(?:provision|delivery|management|operation|running) of {_words(6)}(?:services?|"
    r"facilities|centres?)\b",
    rf"\b{SERVICE_DOMAIN} (?:services?|operators?|providers?|contracts?|framework)\b",
    r"\b[\w-]+ services\b|\bplacements?\b|\bto operate\b|\boperation of\b",
)
# In a notice's title (its first sentence) a service word alone names the subject
# ("Home to School Transport", "Grounds Maintenance").
NOTICE_TITLE_SERVICE = _re(rf"\b{SERVICE_DOMAIN}\b")
# A notice on a procurement portal that says in its head (title, category) that it is not a
# procurement, or that it sells or leases council property: "Category: Sale of land - not a
# procurement", "Land disposal (no CPV - not a public contract)", "Former Depot - Sale by
# Informal Tender", "a grant funding opportunity, not a procurement". It lets no service; a
# sale is read by the asset rules.
NOTICE_LETS_NO_CONTRACT = _re(
    r"\bnot (?:a )?(?:public )?(?:procurement|public contract|contract for (?:goods|works|"
    r"services))\b",
    r"\b(?:land|property|asset|site) disposals?\b|\bdisposal of (?:land|property|the (?:site|"
    r"freehold|land))\b|\bsale of (?:land|property|the (?:freehold|site|land))\b",
    r"\bsale by (?:informal |formal |sealed |public )?(?:tender|auction)\b|\bfor sale\b",
    # "Sale of Former Kinneff Primary School and Schoolhouse", "Disposal of Former Council
    # Offices"
    rf"\bdisposal of (?:the )?(?:former |surplus |vacant |redundant )?(?:[\w'’-]+ ){{0,3}}?"
    rf"{ASSET_OBJECT}\b",
    rf"\bsale of (?:the )?(?:former |surplus |vacant |redundant )?(?:[\w'’-]+ ){{0,3}}?"
    rf"{ASSET_OBJECT}\b",
    r"\boffers (?:are )?invited for the (?:freehold|leasehold|purchase)\b|"
    r"\b(?:invites?|inviting) offers for (?:the )?(?:freehold|leasehold|heritable|purchase)\b|"
    r"\boffers invited\b",
)
# Procurement Act notice types that are steps towards letting a contract.
OUTSOURCING_NOTICE_TYPES = frozenset({"UK1", "UK2", "UK3", "UK4", "UK5", "UK6", "UK7"})
NOTICE_SIGNALS = {
    "UK9": "performance_notice",
    "UK10": "contract_change",
    "UK11": "termination",
    "UK12": "procurement_termination",
}
# Notices that report on a contract (performance, termination, cancellation) rather than let one.
NOT_LETTING_NOTICE_TYPES = frozenset({"UK8", "UK9", "UK11", "UK12", "UK15"})

# A notice may report what the council did before it bought: "The Council ran a public
# consultation on the future of leisure", "The in-house option was costed". Such a sentence
# tells of something done (past tense), not of what the provider will do ("the provider will
# engage with residents", "bidders must show in-house capacity"), which describes the work.
NOTICE_REPORTS_DONE = _re(
    r"\b(?:ran|held|carried out|undert(?:ook|aken)|conducted|completed|took part|responded|"
    r"received|consulted|co-?designed|co-?produced|shaped|surveyed|told (?:us|the council)|"
    r"considered|costed|assessed|compared|appraised|evaluated|rejected|discounted|dismissed|"
    r"agreed|decided|interviewed|spoke|met|recommended|preferred|chosen|informed by|based on|"
    r"not preferred|found|judged|concluded|published|advertised|approved)\b",
    r"\b\d[\d,]* (?:responses|respondents|replies)\b",
    # "The scheme was made by the Mayor following the statutory public consultation ..., the
    # outcome of which was reported to the Combined Authority"
    r"\b(?:following|after) (?:the |a |an |its )?(?:[\w-]+ ){0,3}?consultation\b|\breported\b",
    # a linked decision's paper cited: "The Cabinet report set out an options appraisal
    # covering (i) bringing the workforce into direct Council employment"
    r"\b(?:reports?|appraisals?|business case|reviews?|papers?) (?:set out|covered|included|"
    r"examined|explored|weighed)\b",
)
NOTICE_FUTURE_DUTY = _re(
    # (not "would": "concluded that the team's casework would be diluted" is a reason given)
    r"\b(?:will|shall|must|is (?:expected|required) to|are (?:expected|required) to|bidders?|"
    r"tenderers?|suppliers? (?:are|is) to)\b",
)
