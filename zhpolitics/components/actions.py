"""``zhpolitics_actions``: DEPUTY → ACTION links with a type and probability.

The linker (:mod:`zhpolitics.actions.linker`) finds the acts each deputy mention is
the agent of; the type classifier (:mod:`zhpolitics.actions.typing`, scikit-learn,
shipped in ``models/actions``) types each action phrase.  Results:
``doc.spans["zhpolitics_actions"]`` (ACTION spans) and ``doc._.links``, a list of
dicts ``{deputy: Span, action: Span, type, probability, place, sentence}``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import ACTIONS_KEY
from ..paths import model_path
from ._spans import char_span, norm_text, spans_of, update_ents


class Actions:
    def __init__(self, nlp: Language, name: str, model: str | None = None):
        self.name = name
        self.model = model
        self._linker = None
        self._typer = None

    def _load(self):
        if self._linker is None:
            from ..actions.linker import ActionLinker
            from ..actions.typing import ActionTyper

            self._linker = ActionLinker()
            self._typer = ActionTyper.load(self.model or model_path("actions"))
        return self._linker, self._typer

    def __call__(self, doc: Doc) -> Doc:
        linker, typer = self._load()
        norm = norm_text(doc)
        deputies = {(s.start_char, s.end_char): s for s in spans_of(doc, "DEPUTY")}
        places = [s for s in spans_of(doc, "PLACE") if s._.code]
        links = linker(norm, list(deputies))
        out, act_spans, seen = [], [], {}
        preds = typer.predict_many([norm[l.action[0]:l.action[1]] for l in links]) if links else []
        for l, (typ, prob) in zip(links, preds):
            dep = deputies.get(l.deputy)
            act = seen.get(l.action)
            if act is None:
                act = char_span(doc, l.action[0], l.action[1], "ACTION")
                if act is None:
                    continue
                seen[l.action] = act
                act_spans.append(act)
            # the nearest resolved place governing the act: inside it, else before it in the sentence
            inside_act = [p for p in places if l.action[0] <= p.start_char and p.end_char <= l.action[1]]
            before = [p for p in places if l.sentence[0] <= p.start_char < l.action[0]]
            place = (inside_act or before[::-1] or [None])[0] if (inside_act or before) else None
            # the link's probability is the linker's (calibrated) when it gives one, else the typer's
            p_link = l.probability if getattr(l, "source", "") else prob
            out.append({"deputy": dep, "action": act, "type": typ, "probability": round(float(p_link), 3),
                        "type_probability": round(float(prob), 3), "place": place, "sentence": l.sentence,
                        "rule": l.rule, "source": getattr(l, "source", "")})
        doc.spans[ACTIONS_KEY] = act_spans
        doc._.links = out
        update_ents(doc)
        return doc


@Language.factory("zhpolitics_actions", default_config={"model": None})
def make_actions(nlp: Language, name: str, model: str | None) -> Actions:
    return Actions(nlp, name, model)
