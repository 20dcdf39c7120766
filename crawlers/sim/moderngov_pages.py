"""The HTML pages of the simulated ModernGov site: the page frame and the markup pieces
(``mgLabel`` spans, ``mgSubSubTitleTxt`` sections, ``mgBulletList`` document lists), then
decisions, issue histories, forward plans and consultations."""

from __future__ import annotations

import re

from crawlers.sim.moderngov_data import ModernGovData
from crawlers.sim.server import SimRequest, SimResponse
from crawlers.sim.site import _date, _e, _long_date, _slash


class ModernGovPages(ModernGovData):
    """Page templates of ``ModernGovSim``."""

    def page(self, title: str, content: str, h1: str | None = None) -> SimResponse:
        nav = "".join(
            f'<li><a href="{href}" title="Link to {label.lower()}">{label}</a></li>'
            for href, label in (
                ("mgCalendarMonthView.aspx?GL=1&amp;bcr=1", "Calendar"),
                ("mgListCommittees.aspx?bcr=1", "Committees"),
                ("mgConsultationListDisplay.aspx?bcr=1", "Consultations"),
                (
                    "mgDelegatedDecisions.aspx?bcr=1&amp;DM=0&amp;DS=2&amp;K=0&amp;DR=&amp;V=0",
                    "Decisions",
                ),
                ("mgPlansHome.aspx?bcr=1", "Forward plans"),
                ("ieDocHome.aspx?bcr=1", "Meetings"),
            )
        )
        body = (
            f"<!-- Modern.gov Reverse CMS -->\n<html><head><title>{_e(title)}</title></head>"
            f'<body><div class="sample-banner"><strong>{_e(self.data["banner"])}</strong></div>'
            f"<ul>{nav}</ul>"
            f'<div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">'
            f"{_e(h1 or title)}</h1></div>\n{content}\n"
            f'<div class="mgFooter"><p>&nbsp;</p></div></div></body></html>'
        )
        return SimResponse(200, body)

    def _home(self, request: SimRequest) -> SimResponse:
        return self.page("Committee papers", '<div class="mgContent"><p>Sample site.</p></div>')

    def _doc_list(self, doc_ids: list[str]) -> str:
        items = []
        for doc_id in doc_ids:
            doc = self.document(doc_id)
            if not self._visible(doc):
                continue
            href = _e(self.document_path(doc_id))
            size = ""
            if doc["kind"] != "offsite":
                size = (
                    f'\n<span class="mgFileSize"><img height="12" src="mgimages/logo-pdf-1.gif" '
                    f'width="12" alt="pdf icon" /> {_e(self.listed_size(doc_id))}</span>'
                )
            items.append(
                f'<li><a href="{href}" title="Link&#32;to&#32;file&#32;{_e(doc["title"])}">'
                f"{_e(doc['title'])}{size} </a>  </li>"
            )
        return f'<ul  class="mgBulletList" >\n{"".join(items)}\n</ul>' if items else ""

    @staticmethod
    def _label(label: str, value: str) -> str:
        return f'<p><span  class="mgLabel" >{_e(label)}: </span>{value}</p>\n'

    @staticmethod
    def _section(heading: str, text: str) -> str:
        return (
            f'<h3 class="mgSubSubTitleTxt">{_e(heading)}:</h3>\n<div class="mgWordPara">'
            f'<div class="WordSection1">\n<p class="MsoNormal"><span style="">{_e(text)}'
            "</span></p>\n</div>\n</div>\n"
        )

    # decisions
    def _decisions_list(self, request: SimRequest) -> SimResponse:
        dr = request.arg("DR") or ""
        status = request.arg("DS") or "2"
        match = re.match(r"(\d\d/\d\d/\d{4})-(\d\d/\d\d/\d{4})", dr)
        start, end = (_date(match.group(1)), _date(match.group(2))) if match else (None, None)

        def inside(text: str) -> bool:
            return start is None or start <= _date(text) <= end  # type: ignore[operator]

        rows = []
        if status == "1":
            caption = "Forthcoming decisions"
            for issue_id in self.data["forthcoming"]:
                issue = self.issue(issue_id)
                if issue and inside(issue["due"]):
                    rows.append(
                        f'<tr><td  class="mgMainTxt" ><a  href="mgIssueHistoryHome.aspx?IId='
                        f'{issue_id}&amp;Opt=0"  title="Link&#32;to&#32;issue&#32;history">'
                        f'{_e(issue["title"])}</a></td><td  class="mgMainTxt" >'
                        f'{_slash(issue["due"])}</td><td  class="mgMainTxt" ></td>'
                        f'<td  class="mgMainTxt" >Key decision</td></tr>'
                    )
        else:
            caption = "Decisions published"
            for decision in self.decisions():
                if not inside(decision["published"]):
                    continue
                rows.append(
                    f'<tr><td  class="mgMainTxt" ><a  href="ieDecisionDetails.aspx?ID='
                    f'{decision["id"]}"  title="Link&#32;to&#32;decision&#32;details&#32;for&#32;'
                    f'{_e(decision["title"])}">{_e(decision["title"])}<span  class="mgHide" > '
                    f'ref&#58; {decision["id"]}</span></a></td><td  class="mgMainTxt" >'
                    f'{_slash(decision["published"])}</td><td  class="mgMainTxt" >'
                    f"{_slash(decision.get('effective', decision['published']))}</td>"
                    f'<td  class="mgMainTxt" >'
                    f"{'Not for call-in' if decision['call_in'] == 'No' else 'Call-in period'}"
                    "</td></tr>"
                )
        table = (
            '<div class="mgContent"><table class="mgTabTable tablesorter"  summary="Table of '
            f'decision summary data">\n<caption  class="mgSectionTitle" >{caption}</caption>\n'
            "<thead class='mgFilterHeaderRow'><tr><th abbr='Title' scope='col'>Title</th>"
            "<th abbr='Published' scope='col'>Date</th><th abbr='Applies' scope='col'>"
            "Effective from</th><th abbr='Call-ins' scope='col'>Call-ins</th></tr></thead>"
            f"<tbody>\n{''.join(rows)}\n</tbody></table></div>"
        )
        return self.page("Decisions", table)

    def _decision(self, request: SimRequest) -> SimResponse:
        decision_id = int(request.arg("ID") or 0)
        decision = next((d for d in self.decisions() if d["id"] == decision_id), None)
        if decision is None:
            return self.page("Decision details", '<div class="mgContent"><p>No decision.</p></div>')
        links = ""
        if decision.get("issue"):
            links = (
                '<div class="mgLinks" >\n<ul  class="mgActionList" >\n<li><a  href="'
                f'mgIssueHistoryHome.aspx?IId={decision["issue"]}&amp;Opt=0"  title="Link&#32;to'
                f'&#32;issue&#32;history">Find out more about this issue</a></li>\n</ul>\n</div>\n'
            )
        parts = [self._label("Decision Maker", _e(decision["maker"]))]
        parts.append(
            self._label(
                "Decision status",
                f'<span  class="mgPlanItemInForce" >{_e(decision["status"])}</span>',
            )
        )
        parts.append(self._label("Is Key decision?", "Yes" if decision["key"] else "No"))
        parts.append(self._label("Is subject to call in?", decision["call_in"]))
        for heading, key in (
            ("Purpose", "purpose"),
            ("Decision", "decision"),
            ("Reasons for the decision", "reasons"),
            ("Alternative options considered", "alternatives"),
        ):
            if decision.get(key):
                parts.append(self._section(heading, decision[key]))
        if decision.get("wards"):
            parts.append(self._label("Wards affected", _e(decision["wards"])))
        parts.append(self._label("Publication date", _slash(decision["published"])))
        parts.append(self._label("Date of decision", _slash(decision["date"])))
        if decision.get("meeting"):
            meeting = self.meeting(decision["meeting"])
            assert meeting is not None
            committee = self.committee(meeting["committee"])
            assert committee is not None
            parts.append(
                self._label(
                    "Decided at meeting",
                    f'<a  href="ieListDocuments.aspx?CId={committee["id"]}&amp;MID='
                    f'{meeting["id"]}"  >{_slash(meeting["date"])} - {_e(committee["title"])}</a>',
                )
            )
        if decision.get("effective"):
            parts.append(self._label("Effective from", _slash(decision["effective"])))
        documents = self._doc_list(decision.get("documents", []))
        if documents:
            parts.append(f'<p class="mgLabel" >Accompanying Documents:</p>\n{documents}')
        content = (
            f'<div class="mgSubTitle" >\n<h2 class="mgSubTitleTxt">{_e(decision["title"])}</h2>'
            f'\n</div>\n{links}<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(f"Decision - {decision['title']}", content, "Decision details")

    # issues, forward plans, consultations
    def _issue(self, request: SimRequest) -> SimResponse:
        issue = self.issue(int(request.arg("IId") or 0))
        if issue is None:
            return self.page("Issue", '<div class="mgContent"><p>No issue.</p></div>')
        due = _date(issue["due"])
        parts = [
            '<h2 class="mgSectionTitle">Issue details</h2>\n',
            self._label("Decision type", _e(issue["type"])),
            self._label("Reason Key", _e(issue["reason_key"])),
            self._label("Decision status", _e(issue["status"])),
            self._label("Wards affected", _e(issue["wards"])),
            self._label(
                "Notice of proposed decision first published", _slash(issue["first_published"])
            ),
            self._label("Decision due", f"{_long_date(due)} by {_e(issue['maker'])}"),
            self._label("Lead member", _e(issue["lead_member"])),
            self._label("Lead director", _e(issue["lead_director"])),
            self._label("Department", _e(issue["department"])),
            self._label("Contact", "Democratic Services, Exampleshire County Council (sample)"),
            self._label("Consultation process", _e(issue["consultation"])),
        ]
        decisions = [d for d in self.decisions() if d["id"] in issue["decisions"]]
        if decisions:
            items = "".join(
                f'<li><a href="ieDecisionDetails.aspx?ID={d["id"]}">{_slash(d["date"])} - '
                f"{_e(d['title'])}</a></li>"
                for d in decisions
            )
            parts.append(
                f'<h2 class="mgSectionTitle">Decisions</h2>\n<ul class="mgBulletList">{items}</ul>'
            )
        documents = self._doc_list(issue.get("documents", []))
        if documents:
            parts.append(f'<h2 class="mgSectionTitle">Documents</h2>\n{documents}')
        content = (
            f'<div class="mgSubTitle" >\n<h2 class="mgSubTitleTxt">Issue - items at meetings - '
            f'{_e(issue["title"])}</h2>\n</div>\n<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(f"Issue - {issue['title']}", content, "Issue details")

    def _plans_home(self, request: SimRequest) -> SimResponse:
        rps = sorted({p["rp"] for p in self.data["plans"]})
        items = "".join(
            f'<li><a href="mgListPlans.aspx?RPId={rp}&amp;RD=0">Cabinet forward plan</a></li>'
            for rp in rps
        )
        return self.page(
            "Browse forward plans",
            f'<div class="mgContent"><ul class="mgBulletList">{items}</ul></div>',
        )

    def _plans(self, request: SimRequest) -> SimResponse:
        rp = int(request.arg("RPId") or 0)
        items = "".join(
            f'<li><a href="mgListPlanItems.aspx?PlanId={p["id"]}&amp;RP={rp}">{_e(p["title"])}'
            "</a></li>"
            for p in self.data["plans"]
            if p["rp"] == rp
        )
        return self.page(
            "Browse plans", f'<div class="mgContent"><ul class="mgBulletList">{items}</ul></div>'
        )

    def _plan_items(self, request: SimRequest) -> SimResponse:
        plan = next(
            (p for p in self.data["plans"] if p["id"] == int(request.arg("PlanId") or 0)), None
        )
        if plan is None:
            return self.not_found()
        blocks = []
        for issue_id in plan["issues"]:
            issue = self.issue(issue_id)
            assert issue is not None
            due = _date(issue["due"])
            blocks.append(
                f'<div class="mgPlanItem">\n<h2 class="mgPlanItemTitleTxt"><a href="'
                f"mgIssueHistoryHome.aspx?IId={issue_id}&amp;PlanId={plan['id']}&amp;RPID="
                f'{plan["rp"]}">{_e(issue["title"])}</a></h2>\n'
                + self._label("Decision maker", _e(issue["maker"]))
                + self._label("Decision due", _long_date(due))
                + self._label("Lead officer", _e(issue["lead_director"]))
                + self._label(
                    "Notice of proposed decision first published",
                    _slash(issue["first_published"]),
                )
                + self._label("Anticipated restriction", "Open")
                + "</div>\n"
            )
        content = (
            f'<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{_e(plan["title"])}</h2></div>'
            f'\n<div class="mgContent" >\n{"".join(blocks)}</div>'
        )
        return self.page(plan["title"], content, "Plan items")

    def _consultations(self, request: SimRequest) -> SimResponse:
        rows = "".join(
            f'<tr><td class="mgMainTxt"><a href="mgConsultationDisplay.aspx?ID={c["id"]}">'
            f'{_e(c["title"])}</a></td><td class="mgMainTxt">{_slash(c["start"])}</td>'
            f'<td class="mgMainTxt">{_slash(c["end"])}</td><td class="mgMainTxt">'
            f"{_e(c['status'])}</td></tr>"
            for c in self.data["consultations"]
        )
        table = (
            '<div class="mgContent"><table class="mgTabTable" summary="Table of consultations">'
            '<caption class="mgSectionTitle">Consultations</caption><thead><tr>'
            "<th scope='col'>Title</th><th scope='col'>Start date</th><th scope='col'>End date"
            f"</th><th scope='col'>Status</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )
        return self.page("Consultations", table)

    def _consultation(self, request: SimRequest) -> SimResponse:
        cid = int(request.arg("ID") or 0)
        item = next((c for c in self.data["consultations"] if c["id"] == cid), None)
        if item is None:
            return self.not_found()
        parts = [
            self._label("Consultation start date", _slash(item["start"])),
            self._label("Consultation end date", _slash(item["end"])),
            self._label("Status", _e(item["status"])),
            self._label("Target audience", _e(item["audience"])),
            self._section("Description", item["description"]),
        ]
        if item.get("results"):
            parts.append(self._section("Results", item["results"]))
        content = (
            f'<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{_e(item["title"])}</h2></div>'
            f'\n<div class="mgContent" >\n{"".join(parts)}</div>'
        )
        return self.page(item["title"], content, "Consultation details")
