"""Packaging hook: ship the repository's ``models/`` folder as ``zhpolitics/_models``.

Why a setup.py next to pyproject.toml: the trained artifacts live in ``models/`` at the
top of the repository (recipes write there and other work adds folders to it), but an
installed wheel must carry them inside the package.  Declarative ``package-dir`` cannot
be combined with ``packages.find``, so this maps the folder here; every file under
``models/`` is included, new model folders too.  Metadata stays in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["zhpolitics", "zhpolitics.*"]) + ["zhpolitics._models"],
    package_dir={"zhpolitics._models": "models"},
    package_data={
        "zhpolitics": ["resources/**/*", "schema/*.json", "data/admin/*.csv", "data/admin/*.tsv.xz", "data/admin/*.md",
                       "data/admin/LICENSE.*", "data/admin/history/*"],
        "zhpolitics._models": ["**/*"],
    },
    exclude_package_data={"zhpolitics._models": ["**/__pycache__/*"]},
)
