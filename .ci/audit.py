"""CI: audit the installed dependencies for known vulnerabilities with pip-audit.

    python .ci/audit.py PIP_AUDIT SITE_PACKAGES

Exit 1 when pip-audit reports a vulnerability not explained in .ci/audit-ignore.txt (one
``ID  # why`` per line); exit 0 with one clear line when pip-audit cannot reach a
vulnerability service (no network, or a PyPI mirror without the per-version JSON API, as
on the development machine: then every package comes back "not found on PyPI"), so that
a machine without that service does not fail CI for it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

IGNORE_FILE = Path(__file__).with_name("audit-ignore.txt")


def ignored() -> list[str]:
    if not IGNORE_FILE.is_file():
        return []
    lines = IGNORE_FILE.read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


def main() -> int:
    pip_audit, site_packages = sys.argv[1], sys.argv[2]
    command = [pip_audit, "--path", site_packages, "--progress-spinner", "off", "-f", "json"]
    for vulnerability in ignored():
        command += ["--ignore-vuln", vulnerability]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        print("dependency audit: skipped: pip-audit did not answer within 10 minutes")
        return 0
    except OSError as error:
        print(f"dependency audit: skipped: cannot run pip-audit ({error.strerror or error})")
        return 0
    try:
        report = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"dependency audit: skipped: vulnerability service unreachable ({last[:200]})")
        return 0
    dependencies = report.get("dependencies", [])
    audited = [d for d in dependencies if not d.get("skip_reason")]
    if dependencies and not audited:
        print(
            f"dependency audit: skipped: none of {len(dependencies)} packages could be looked "
            "up (vulnerability service unreachable from this machine)"
        )
        return 0
    found = [(d["name"], d["version"], v) for d in audited for v in d.get("vulns", [])]
    for name, version, vulnerability in found:
        fixes = ", ".join(vulnerability.get("fix_versions") or []) or "no fix yet"
        print(f"dependency audit: {name} {version}: {vulnerability['id']} (fixed in: {fixes})")
    skipped = len(dependencies) - len(audited)
    print(
        f"dependency audit: {len(audited)} packages checked, {skipped} not found, "
        f"{len(found)} unexplained vulnerabilities"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
