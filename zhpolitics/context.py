"""``zhpolitics_context``: keep the id (and fields) a caller passes with each text.

``nlp.pipe(((text, {"id": "a1", "date": ...}), ...), as_tuples=True)`` hands each Doc
its context only while the pipeline runs; spaCy drops it from the Doc before yielding.
This component, first in the pipeline, copies it onto the Doc, so
``zhpolitics.to_record(doc)`` finds the document's id without being told, and a
DataFrame built from the records keeps every row's document:

* a ``dict`` context: ``doc.user_data["id"]`` = its ``id``, ``doc._.zhp_meta`` = the dict;
* a ``str``/``int`` context: ``doc.user_data["id"]`` = the context.

``user_data`` travels with the Doc through ``to_bytes``/``DocBin`` and
``nlp.pipe(n_process=…)``.  It lives outside ``components/`` because it touches no
extraction: it only carries the caller's bookkeeping.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (doc._.zhp_meta)


class ContextToDoc:
    """Copy ``doc._context`` (set by ``nlp.pipe(as_tuples=True)``) into ``user_data``/``doc._.zhp_meta``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = getattr(doc, "_context", None)
        if isinstance(ctx, dict):
            if ctx.get("id") is not None:
                doc.user_data["id"] = ctx["id"]
            doc._.zhp_meta = {**(doc._.zhp_meta or {}), **ctx}
        elif isinstance(ctx, (str, int)) and not isinstance(ctx, bool):
            doc.user_data["id"] = ctx
        return doc


@Language.factory("zhpolitics_context", assigns=["doc._.zhp_meta"])
def make_context(nlp: Language, name: str) -> ContextToDoc:
    return ContextToDoc(nlp, name)
