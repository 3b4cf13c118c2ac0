"""zhpolitics: people's congress deputies, places, slogans and who-did-what from Chinese news.

Quick start::

    import zhpolitics
    nlp = zhpolitics.load()
    doc = nlp("区人大代表路振国主动出资安装阻挡电动车进电梯设备。")
    zhpolitics.to_record(doc)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .paths import ModelNotFoundError  # noqa: E402  (raised by load() when a model is missing)

def load(*args, **kwargs):
    """Build the zhpolitics pipeline; see :func:`zhpolitics.pipeline.load`."""
    from .pipeline import load as _load

    return _load(*args, **kwargs)


def to_record(doc, **kwargs):
    """Turn a processed Doc into a gold-format record; see :func:`zhpolitics.records.to_record`."""
    from .records import to_record as _to_record

    return _to_record(doc, **kwargs)


def to_dataframe(records, table: str = "spans"):
    """Records → pandas DataFrame (``"spans"``, ``"links"`` or ``"people"``)."""
    from .records import to_dataframe as _to_dataframe

    return _to_dataframe(records, table)


def render(docs, **kwargs) -> str:
    """One self-contained HTML page for a Doc, a record or a list of them; see :func:`zhpolitics.view.render`."""
    from .view import render as _render

    return _render(docs, **kwargs)


__all__ = ["load", "to_record", "to_dataframe", "render", "ModelNotFoundError", "__version__"]
