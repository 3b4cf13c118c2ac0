"""Recipe: the per-person role model ``models/people/roles.json`` (DEPUTY or PERSON).

Usage::

    python -m zhpolitics.training.people --gold ../shared/gold/train-pages.jsonl \\
        --gold ../shared/gold/dev-pages.jsonl --gold corpus/dev/gold.jsonl \\
        --cv ../shared/gold/train-pages.jsonl --admin-data ../shared/data/admin --out models/people

How.  The default pipeline runs on each gold page with the role model switched off;
for every person the rules find, :func:`zhpolitics.people.roles.person_evidence`
gives the features, and the gold spans give the label (DEPUTY when any gold DEPUTY
span carries that name, PERSON when a gold PERSON span does; names gold does not
mark are left out: the model decides a role, not whether a name exists).  A
logistic regression (scikit-learn) is fitted and written as named weights (JSON, no
pickle).

``--cv`` reports document-level 5-fold cross-validation on that file: each fold's
model is fitted on the other folds' pages (plus the other ``--gold`` files) and the
pipeline is re-run on the held-out pages with it; the scorer is ``zhpolitics
evaluate``'s.  Never pass the test pages here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..evaluate import read_jsonl, score

_C = 1.0  # inverse regularisation; a few hundred persons, a few dozen features
_FOLDS = 5


def _pipeline(admin_data: str | None):
    import zhpolitics

    nlp = zhpolitics.load("default", admin_data=admin_data)
    return nlp, nlp.get_pipe("zhpolitics_deputies").detector


def collect(docs: list[dict], nlp, detector) -> list[tuple[int, dict[str, float], int]]:
    """``(doc index, features, label)`` for every person gold labels (1 = DEPUTY)."""
    saved = detector.role_model
    detector.role_model = None
    out: list[tuple[int, dict[str, float], int]] = []
    try:
        for k, g in enumerate(docs):
            detector.role_log = []
            nlp(g["text"])
            deputies = {g["text"][s["start"]:s["end"]] for s in g["spans"] if s["label"] == "DEPUTY"}
            persons = {g["text"][s["start"]:s["end"]] for s in g["spans"] if s["label"] == "PERSON"}
            seen: set[str] = set()
            for name, feats in detector.role_log:
                if name in seen:
                    continue
                seen.add(name)
                raw = g["text"]  # names are compared on the raw text (same offsets)
                if name in deputies or _raw_names(raw, name, deputies):
                    out.append((k, feats, 1))
                elif name in persons or _raw_names(raw, name, persons):
                    out.append((k, feats, 0))
    finally:
        detector.role_log = None
        detector.role_model = saved
    return out


def _raw_names(raw: str, norm_name: str, names: set[str]) -> bool:
    """The detector sees the normalised (simplified) text; gold spans are raw text."""
    from ..text import normalize

    return any(normalize(n) == norm_name for n in names)


def fit(samples: list[tuple[int, dict[str, float], int]]):
    """A logistic regression over the samples, returned as a :class:`RoleModel`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from ..people.roles import RoleModel

    vec = DictVectorizer()
    X = vec.fit_transform([f for _k, f, _y in samples])
    y = [lab for _k, _f, lab in samples]
    clf = LogisticRegression(C=_C, max_iter=2000)
    clf.fit(X, y)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) > 1e-9}
    weights["bias"] = weights.get("bias", 0.0) + float(clf.intercept_[0])
    return RoleModel(weights, 0.5)


def cross_validate(cv_docs, samples, extra_samples, nlp, detector) -> dict:
    """Document-level k-fold figures on ``cv_docs`` (pipeline re-run per held-out fold);
    ``samples`` are :func:`collect`'s for ``cv_docs``."""
    preds: list[dict] = [{}] * len(cv_docs)
    from ..records import to_record

    saved = detector.role_model
    try:
        for fold in range(_FOLDS):
            train = [s for s in samples if s[0] % _FOLDS != fold] + extra_samples
            detector.role_model = fit(train)
            for k, g in enumerate(cv_docs):
                if k % _FOLDS == fold:
                    preds[k] = to_record(nlp(g["text"]), g["id"])
    finally:
        detector.role_model = saved
    res = score(cv_docs, preds)
    return {"folds": _FOLDS, "persons": len(samples),
            "DEPUTY": res["labels"]["DEPUTY"], "PERSON": res["labels"]["PERSON"],
            "level_accuracy_DEPUTY": res["level_accuracy"].get("DEPUTY")}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", action="append", default=[], help="gold JSONL to train on (repeatable)")
    ap.add_argument("--cv", default=None, help="gold JSONL for document-level cross-validation (also trained on)")
    ap.add_argument("--admin-data", default=None)
    ap.add_argument("--out", default="models/people")
    args = ap.parse_args(argv)
    nlp, detector = _pipeline(args.admin_data)
    extra: list = []
    for path in args.gold:
        if args.cv and Path(path).resolve() == Path(args.cv).resolve():
            continue
        extra += [(-1, f, y) for _k, f, y in collect(read_jsonl(path), nlp, detector)]
    meta: dict = {"trained_on": [Path(p).name for p in args.gold], "C": _C}
    samples = list(extra)
    if args.cv:
        cv_docs = read_jsonl(args.cv)
        cv_samples = collect(cv_docs, nlp, detector)
        meta["cv"] = cross_validate(cv_docs, cv_samples, extra, nlp, detector)
        meta["cv"]["file"] = Path(args.cv).name
        samples += cv_samples
        print(json.dumps(meta["cv"], indent=1))
    model = fit(samples)
    meta["persons"] = len(samples)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "roles.json").write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), "utf-8")
    print(f"wrote {out / 'roles.json'} ({len(model.weights)} weights, {len(samples)} persons)")


if __name__ == "__main__":
    main()
