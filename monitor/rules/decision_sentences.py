"""The sentence shape of a decision: a sentence that states one ("APPROVE the …", "RESOLVED
that"), one that decides or proposes in any wording, an earlier decision told by its date, and
the narrower formal test for long papers. Split from :mod:`monitor.rules.decisions`."""

from __future__ import annotations

from monitor.rules.base import _re

# A sentence that states a decision: "APPROVE the ...", "(b) agrees to ...", "RESOLVED that".
DECISION_SENTENCE = _re(
    r"^\W*(?:(?:\(?\w{1,3}[.)]|[•·▪-])\s*)?(?:that )?(?:(?:the )?(?:cabinet(?: member)?|"
    r"council|committee|executive|members?) )?(?:(?:is|are) (?:asked|recommended) to )?"
    r"(?:approves?|agrees?|authoris\w*|resolved|r e s o l v e d|delegates?|endorses?|awards?|"
    # (minutes' "AGREED that the Council dispose of its freehold interest")
    r"decided|agreed(?=\s*[:–—-]?\s*(?:that|to)\b)|"
    # The imperative of a recommendation list: "1) Declare surplus and approve the disposal".
    r"declares?)\b",
    # A numbered recommendation in the imperative: "1. Transfer the operation of the library
    # service to ...", "2) Award the contract to ...".
    # ("1.1 To approve the preferred delivery model", "2.3 That Cabinet agree")
    r"^\W*(?:\(?\w{1,3}[.)]|\d{1,2}\.\d{1,2})\s*(?:to |that )?(?:approve|agree|transfer|award|"
    r"extend|procure|tender|re-?tender|"
    r"commission|dispose|sell|lease|grant|authorise|delegate|enter into|appoint|"
    # "(2) Instruct the Head of Property to market the site and dispose of it"
    r"instruct|accept|proceed with)\b",
    # "It was proposed, seconded and unanimously agreed that the freehold be sold"
    r"^\W*it was (?:proposed|moved),? (?:and )?seconded,? and (?:[\w ,]{0,30}?)(?:agreed|"
    r"resolved|carried)\b",
    # A body's recommendation to the body that decides: "3.5 The Panel recommends to Cabinet
    # that the contract be awarded" (a cabinet panel's minutes)
    r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:that )?(?:the )?(?:cabinet|committee|panel|board|"
    r"sub-committee|executive|forum) recommend(?:s|ed) (?:to (?:the )?[\w ]{1,40}? )?that\b",
    # Minutes record a resolution's list in the past tense: "b) Approved the disposal of ...".
    r"^\W*\(?\w{1,3}[.)]\s*(?:approved|agreed|declared|delegated|endorsed|awarded|"
    r"authori[sz]ed)\b",
)

# A sentence that decides or formally proposes something, in any wording: what makes an
# outsourcing or sale sentence more than background ("the contract was awarded in 2015").
PROPOSAL_SENTENCE = _re(
    r"\b(?:approv\w*|agree[sd]?|agreed|authoris\w*|authoriz\w*|resolv\w*|delegat\w*|endors\w*|"
    r"recommend\w*|propos\w*|intend\w*|intention|seek\w*|sought|(?:is|are) asked|declare[sd]?|"
    r"notice is hereby given|decid\w*|decision|will|shall|minded to)\b",
    r"\b(?:to be|be|being) (?:sold|disposed|transferred|awarded|let|leased|procured|tendered|"
    r"re-?tendered|commissioned|extended|varied|novated)\b",
)

# A decision told as a dated past event ("tenders approved by the Executive in 2023", "the
# sale ... agreed by Cabinet in May", "extended in June 2024"): in a long paper that is the
# history of an earlier decision, not the paper's own (see monitor.deciding).
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
)
DATED_PAST_DECISION = _re(
    r"\b(?:approved|agreed|authori[sz]ed|endorsed|decided|resolved|recommended|declared|"
    r"delegated|awarded|extended|let|procured|tendered|commissioned|sold|disposed of)\b"
    r"(?: (?:by|at|through) (?:the |a |its )?[\w' ’-]{1,40}?)?"
    # (or its object between: "Cabinet declared the building surplus in July 2024")
    r"(?: (?:the|this|that|its|their) (?:[\w'’-]+ ){0,3}?[\w'’-]+)?"
    r",? (?:in|on|during|between|at (?:its|their"
    r"|the) meetings? (?:in|on|of)|last|earlier this|previously in) (?:the )?(?:\d{1,2} )?"
    rf"(?:(?:19|20)\d\d\b|{_MONTH}\b|(?:year|month|spring|summer|autumn|winter)\b)",
    # the date before the verb: "the panel had in 2019 supported the extension of the contract"
    r"\b(?:had|has|have) (?:in|on|during) (?:\d{1,2} )?(?:(?:19|20)\d\d|"
    rf"{_MONTH}(?: (?:19|20)\d\d)?),? (?:already )?(?:approved|agreed|authori[sz]ed|endorsed|"
    r"decided|resolved|supported|awarded|extended|let|procured|tendered|commissioned|sold|"
    r"disposed of)\b",
    # "Cabinet has previously approved the disposal of fourteen of those sites"
    r"\b(?:(?:has|have|had) (?:already |previously )|previously )(?:approved|agreed|"
    r"authori[sz]ed|endorsed|decided|resolved|declared|awarded|extended|let|procured|"
    r"tendered|commissioned|sold|disposed of)\b",
)

# The narrower test for long papers (strategies, budget papers, full reports): a decision verb
# or a formal proposal, not any sentence with "will", "seeking", "intention" or "approval" in
# it ("the disposal of capital assets, subject to Executive approval of the asset review";
# "where we are seeking to dispose of land, consultation will be proportionate").
FORMAL_PROPOSAL_SENTENCE = _re(
    r"\b(?:approv(?:e|es|ed|ing)|agree[sd]?|authoris(?:e|es|ed|ing)|authoriz(?:e|es|ed|ing)|"
    # (not decisions taken "under delegated authority", which a report lists for noting)
    r"resolved?|delegates?|(?<!under )(?<!using )delegated|endors(?:e|es|ed)|"
    r"recommend(?:s|ed|ing)?|declare[sd]?|decided|minded to|notice is hereby given|"
    r"proceeds? with)\b",
    r"\b(?:the )?(?:preferred|recommended) option (?:is|was|would be)\b",
    r"\b(?:it is|is|are|was|were) (?:proposed|recommended|asked|requested)\b|\bproposes? to\b|"
    r"\b(?:request|ask|invite)s? (?:the )?(?:cabinet|council|committee|executive|members?) to\b|"
    r"\b(?:seeks?|sought|seeking) (?:the )?(?:approval|agreement|authority|permission|a "
    r"decision)\b|\b(?:approval|agreement|authority|permission) (?:is|was|are|were|being) "
    r"sought\b",
    # (the subjunctive of a proposal, "that the site be sold"; not the future told as
    # background, "that it will be disposed of")
    r"\b(?:to be|(?<!will )(?<!would )(?<!could )(?<!may )(?<!might )(?<!shall )be|being) "
    r"(?:sold|disposed|transferred|awarded|let|leased|procured|tendered|"
    r"re-?tendered|commissioned|extended|varied|novated)\b",
    # a row of a procurement plan the paper asks to approve: "... | Services | ... | For
    # approval – Q3/Q4 2024/25"
    r"\|\s*(?:for approval|approval (?:sought|requested)|to be approved)\b[^|]{0,40}\|?\s*$",
)
