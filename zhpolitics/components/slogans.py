"""``zhpolitics_slogans``: SLOGAN spans with ``span._.zhp_canonical`` and lexicon links.

Candidates are quoted spans (classified slogan / speech / citation / scare / title by
the shipped scikit-learn model), unquoted numeric formulas (两个维护, 六最) and
unquoted occurrences of known slogans (lexicon entries, or phrases quoted elsewhere in
the same document).  See :mod:`zhpolitics.slogans`.

The component owns its classifier and its user additions: ``add()`` takes slogans
(strings or lexicon rows), which join the lexicon (a quoted occurrence is accepted,
canonical forms link to it) and are also matched bare wherever they occur.  A user
folder named by ``resource_dir`` may hold ``slogans.txt`` (one per line) or
``slogans.tsv`` (the lexicon's columns).  ``to_disk`` writes the model, the
additions and the rule files (``rules/slogans``, and ``rules/people`` for the surname
list); ``from_disk`` reads them back, so a saved pipeline needs neither ``models/`` nor
the package's rule files.  The lexicon is read at first use, after ``from_disk``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import inside
from ..paths import require_model
from ..slogans.canonical import LexEntry, Lexicon, canonical, default_lexicon
from ..slogans.classifier import SloganClassifier
from ..slogans.pipeline import extract_slogans
from ._disk import copy_model, read_json, read_lines, read_tsv, write_json
from ._rules import RuleFolders, with_rules
from ._spans import add_spans, boilerplate, char_span, doc_text, update_ents


def _entry(item: str | dict[str, Any]) -> LexEntry:
    """A lexicon entry from a user string or a row with the lexicon's columns."""
    if isinstance(item, str):
        return LexEntry(item.strip())
    variants = item.get("variants") or ()
    if isinstance(variants, str):
        variants = tuple(v for v in variants.split("|") if v.strip())
    year = str(item.get("first_year") or "")
    return LexEntry(str(item["text"]).strip(), tuple(variants), int(year) if year.isdigit() else None,
                    str(item.get("issuer") or ""), str(item.get("category") or ""))


def _row(e: LexEntry) -> dict[str, Any]:
    return {"text": e.text, "variants": list(e.variants), "first_year": e.first_year, "issuer": e.issuer,
            "category": e.category}


class Slogans:
    """Finds slogans; holds the classifier, the lexicon and the user's additions."""

    def __init__(self, nlp: Language, name: str, model: str | None = None, propagate_lexicon: bool = True,
                 set_ents: bool = True, resource_dir: str | None = None):
        self.name = name
        self.model = model
        self.propagate_lexicon = propagate_lexicon
        self.set_ents = set_ents
        self.resource_dir = resource_dir
        self._clf: SloganClassifier | None = None
        self._added: list[LexEntry] = []
        self.rules = RuleFolders(("slogans", "people"))
        self._lex: Lexicon | None = None  # built at first use (after from_disk), see _lexicon()
        self._lexicons: list[Lexicon] = []  # kept alive: the engine caches automata by id()
        if resource_dir:
            self.add(read_lines(Path(resource_dir) / "slogans.txt") + read_tsv(Path(resource_dir) / "slogans.tsv"))

    @property
    def additions(self) -> list[str]:
        """The slogans added through :meth:`add` or ``resource_dir``, in order."""
        return [e.text for e in self._added]

    def add(self, slogans: Iterable[str | dict[str, Any]]) -> None:
        """Add slogans (strings, or dicts with ``text``/``variants``/``category`` …)."""
        new = [_entry(s) for s in slogans]
        new = [e for e in new if e.text and e.text not in self.additions]
        if not new:
            return
        self._added.extend(new)
        self._lex = None

    def _lexicon(self) -> Lexicon:
        """The rule folder's lexicon plus the user's slogans (built once per change)."""
        if self._lex is None:
            with self.rules.active():
                base = default_lexicon()
            self._lex = Lexicon(list(base.entries) + self._added) if self._added else base
            self._lexicons.append(self._lex)
        return self._lex

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        """Load the classifier and the lexicon now, so a missing model or rule file fails
        when the pipeline loads."""
        with self.rules.active():
            self._clf = SloganClassifier.load(require_model("slogans", self.model))
        self._lexicon()

    def _user_hits(self, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Bare occurrences of the user's slogans not overlapping a found slogan."""
        hits: list[tuple[int, int]] = []
        for form in sorted({f for e in self._added for f in e.forms()}, key=len, reverse=True):
            i = text.find(form)
            while i != -1:
                j = i + len(form)
                if not any(a < j and i < b for a, b in taken + hits):
                    hits.append((i, j))
                i = text.find(form, j)
        return hits

    @with_rules
    def __call__(self, doc: Doc) -> Doc:
        if self._clf is None:
            self.initialize()
        lex, text, bp = self._lexicon(), doc_text(doc), boilerplate(doc)
        found = [(c.start, c.end, c.kind) for c in
                 extract_slogans(text, self._clf, lex, propagate_lexicon=self.propagate_lexicon)]
        if self._added:
            found += [(s, e, "user") for s, e in self._user_hits(text, [(s, e) for s, e, _k in found])]
        spans = []
        for start, end, kind in sorted(found):
            if inside(bp, start, end):
                continue
            sp = char_span(doc, start, end, "SLOGAN")
            if sp is None:
                continue
            entry = lex.lookup(text[start:end])
            sp._.zhp_canonical = canonical(entry.text) if entry is not None else canonical(text[start:end])
            sp._.zhp_lexicon = entry.text if entry is not None else None
            sp._.zhp_source = kind
            spans.append(sp)
        add_spans(doc, spans)
        if self.set_ents:
            update_ents(doc)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the classifier (``model/``) and the user additions (``additions.json``)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        copy_model(require_model("slogans", self.model), path / "model")
        write_json(path / "additions.json", [_row(e) for e in self._added])
        self.rules.to_disk(path)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "Slogans":
        path = Path(path)
        self.rules.from_disk(path)
        with self.rules.active():
            self._clf = SloganClassifier.load(require_model("slogans", path / "model"))
        self._added = []
        self._lex = None
        self.add(read_json(path / "additions.json", []))
        return self


@Language.factory(
    "zhpolitics_slogans",
    default_config={"model": None, "propagate_lexicon": True, "set_ents": True, "resource_dir": None},
    requires=["doc._.zhp_boilerplate"],
    assigns=["doc.spans", "doc.ents", "span._.zhp_canonical", "span._.zhp_lexicon", "span._.zhp_source"],
)
def make_slogans(nlp: Language, name: str, model: str | None, propagate_lexicon: bool, set_ents: bool,
                 resource_dir: str | None) -> Slogans:
    """``set_ents``: project the span group onto ``doc.ents`` here (off when
    ``zhpolitics_actions`` follows and does it once at the end); ``resource_dir``: a
    user folder with ``slogans.txt``/``slogans.tsv`` additions."""
    return Slogans(nlp, name, model, propagate_lexicon, set_ents, resource_dir)
