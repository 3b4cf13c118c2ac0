"""The packaged NBS tables, former names and the gazetteer cache (issues 14 and 22).

Everything here runs on a plain install: the NBS tables ship in the package, no
../shared data is needed.  Sentences are our own.
"""

from __future__ import annotations

import json
import os
import pickle
import warnings
from pathlib import Path

import pytest

from zhpolitics.places import PlaceMatcher, explain_unknown
from zhpolitics.places import gazetteer as gzm
from zhpolitics.text import normalize


@pytest.fixture(scope="module")
def plain():
    """The gazetteer of a plain install: packaged NBS tables and the compact village index."""
    return gzm.build(None)


def found(gz, text):
    m = PlaceMatcher(gz)
    return {text[x.start:x.end]: x for x in m(normalize(text))}


def test_plain_install_gives_nbs_town_codes(plain):
    # the civil-affairs table gives 龙驹镇 500101123, which is 新乡镇 in the NBS tables
    got = found(plain, "重庆市万州区龙驹镇的人大代表走访了新乡镇。")
    assert got["龙驹镇"].code == "500101151"
    assert got["新乡镇"].code == "500101123"
    assert plain.units["500101151"].name == "龙驹镇"


def test_packaged_tables_credit_their_sources():
    readme = (gzm.packaged_admin_dir() / "README.md").read_text("utf-8")
    assert "modood/Administrative-divisions-of-China" in readme and "yescallop/areacodes" in readme
    assert (gzm.packaged_admin_dir() / "LICENSE.modood").exists()
    assert (gzm.packaged_admin_dir() / "history" / "LICENSE.areacodes").exists()
    assert "liyanjie2048" in readme and (gzm.packaged_admin_dir() / "LICENSE.liyanjie2048").exists()


@pytest.mark.parametrize("name, then, today, years", [
    ("宁乡县", "430124", "430182", (1983, 2017)),   # a 县 that became a 市
    ("射洪县", "510922", "510981", (1985, 2019)),
    ("崇文区", "110103", "110101", (1981, 2010)),   # merged into 东城区
])
def test_former_county_names_keep_the_code_they_had(plain, name, then, today, years):
    text = f"2009年，{name}人大常委会组织代表视察了农村公路建设。"
    m = found(plain, text)[name]
    assert (m.code, m.current_code, m.in_use) == (then, today, years)
    assert m.kind == "former"


def test_current_name_has_its_own_code_as_current_code(plain):
    m = found(plain, "宁乡市人大代表走访了选民。")["宁乡市"]
    assert m.code == m.current_code == "430182" and m.in_use is None


def test_former_name_that_is_an_ordinary_word_is_not_a_place(plain):
    assert "新区" not in found(plain, "不少年轻人愿意留在新区工作。")


def test_autonomous_county_short_form(plain):
    m = found(plain, "积石山县的人大代表来到田间地头。")["积石山县"]
    assert m.code == plain.surfaces["积石山保安族东乡族撒拉族自治县"][0].code


def test_lookup_explains_an_unknown_name(monkeypatch):
    monkeypatch.setenv("ZHPOLITICS_ADMIN_DATA", "")
    assert "not a unit in the gazetteer" in explain_unknown("火星县")
    msg = explain_unknown("某某村委会")
    assert "village table" in msg and "no such name" in msg


def test_plain_install_gives_village_codes(plain):
    # the compact village index ships with the package: a village of the town just named
    got = found(plain, "浙江省安吉县天荒坪镇余村的村民代表和县人大代表一起议事。")
    assert got["余村"].code == "330523108204" and got["余村"].level == "village"
    assert plain.village_src is not None and plain.village_src.name == "villages.tsv.xz"


def test_packaged_village_index_reads_like_the_csv(tmp_path):
    # one line per town: the 12-digit code is the town code + the 3-digit suffix
    import lzma

    src = tmp_path / "villages.tsv.xz"
    src.write_bytes(lzma.compress("# header\n330523108\t204余村|205银坑村\n".encode("utf-8")))
    assert list(gzm._village_rows(src)) == [("330523108204", "330523108", "余村"),
                                            ("330523108205", "330523108", "银坑村")]


def test_cli_lookup_unknown_name_exits_with_a_message(monkeypatch):
    from click.testing import CliRunner

    from zhpolitics.cli import main

    monkeypatch.setenv("ZHPOLITICS_ADMIN_DATA", "")
    res = CliRunner().invoke(main, ["gazetteer", "lookup", "火星县"])
    assert res.exit_code == 1 and "unknown place" in res.output
    res = CliRunner().invoke(main, ["gazetteer", "lookup", "射洪县"])
    assert res.exit_code == 0 and "510922" in res.output and "510981" in res.output


# ---------------------------------------------------------------- the cache (issue 22)

class _PlantFile:
    """A pickle payload whose loading would create ``path``."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (open, (self.path, "w"))


def test_cache_never_loads_a_planted_pickle(tmp_path, monkeypatch, plain):
    cache = tmp_path / "cache"
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(cache))
    gz = gzm.build(None)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_PlantFile(str(marker)))
    index = cache / f"gazetteer-{gz.version}.json"
    assert index.exists()
    index.write_bytes(payload)  # the index file itself, and the old pickle names beside it
    (cache / f"gazetteer-{gz.version}.pkl").write_bytes(payload)
    (cache / f"gazetteer-11-0.1.0-{gz.version[:12]}.pkl").write_bytes(payload)
    for p in cache.iterdir():
        p.chmod(0o644)
    again = gzm.build(None)
    assert not marker.exists()
    assert len(again.units) == len(plain.units)  # rebuilt from the data
    json.loads(index.read_text("utf-8"))  # and the cache holds JSON again


def test_cache_file_writable_by_others_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(tmp_path))
    gz = gzm.build(None)
    index = tmp_path / f"gazetteer-{gz.version}.json"
    data = json.loads(index.read_text("utf-8"))
    data["surfaces"]["某某县"] = [["110101", "full"]]  # someone else's edit
    index.write_text(json.dumps(data), "utf-8")
    index.chmod(0o666)
    with pytest.warns(RuntimeWarning, match=str(index)):
        again = gzm.build(None)
    assert "某某县" not in again.surfaces


def test_cache_file_of_another_user_is_refused(tmp_path, monkeypatch):
    if not hasattr(os, "getuid") or os.getuid() != 0:
        pytest.skip("changing a file's owner needs root (CI runs as root)")
    monkeypatch.setenv("ZHPOLITICS_CACHE", str(tmp_path))
    gz = gzm.build(None)
    index = tmp_path / f"gazetteer-{gz.version}.json"
    os.chown(index, 4242, 4242)
    with pytest.raises(gzm.UnsafeCacheFile, match="owned by uid 4242"):
        gzm.check_cache_file(index)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gzm.build(None)
    assert any(str(index) in str(w.message) for w in caught)


def test_cache_key_covers_the_rule_file(monkeypatch):
    files = [gzm.packaged_admin_dir() / "streets.csv"]
    before = gzm._fingerprint(files)
    real = gzm._rules_and_code()
    monkeypatch.setattr(gzm, "_rules_and_code", lambda: real + b" ")
    assert gzm._fingerprint(files) != before
