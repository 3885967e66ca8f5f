"""Build hook: the wheel carries the checkout's ontology/ and corpus/ as ``bkg_graph/data/``.

Everything else is declared in pyproject.toml. The two folders stay where curators edit them,
so the checkout is their single source; only a built package holds a copy, which
:mod:`bkg_graph.paths` finds when the package runs outside a checkout.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("ontology", "corpus")


class BuildWithData(build_py):
    """``build_py`` that also copies the shipped data folders into the built package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's own folders
        for name in SHIPPED:
            self.copy_tree(name, str(Path(self.build_lib) / "bkg_graph" / "data" / name))


setup(cmdclass={"build_py": BuildWithData})
