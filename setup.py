"""Only for ``scrapyd-deploy``, which builds the Scrapyd egg with ``setup.py bdist_egg``
(and would write a setup.py of its own where there is none). Everything else, ``pip
install`` included, takes its configuration from pyproject.toml."""

import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class CrawlersOnly(build_py):
    """The egg carries the Scrapy project (crawlers/: spiders, pipelines, settings).
    Scrapyd imports an egg from its zip file, where storage's council registry and
    migrations cannot be read as files: those, and every dependency, come from the oursay
    installed on the node (docs/operations.md, "Several machines")."""

    def finalize_options(self) -> None:
        super().finalize_options()
        self.packages = [name for name in self.packages if name.split(".")[0] == "crawlers"]


if any(command in sys.argv for command in ("bdist_egg", "bdist_uberegg")):
    setup(cmdclass={"build_py": CrawlersOnly})
else:
    setup()
