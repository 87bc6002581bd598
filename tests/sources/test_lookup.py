"""The source table: built from small lists we write, looked up offline; the shipped table loads."""

from __future__ import annotations

import json

import pytest

from newsaudit.article import Article
from newsaudit.components.source import Source
from newsaudit.errors import ModelError, ModelIntegrityError
from newsaudit.sources import SourceTable, registrable_domain
from newsaudit.sources.build import build_table, write_table


@pytest.fixture
def lists(tmp_path):
    """Four tiny lists in the formats of OpenSources, BS Detector and the two MBFC sets."""
    root = tmp_path / "sources"
    for d in ("opensources", "bs_detector", "mbfc_baly2018", "mbfc_stopaganda"):
        (root / d).mkdir(parents=True)
    (root / "opensources" / "sources.json").write_text(json.dumps({
        "Fakedaily.example": {"type": "fake ", "2nd type": "conspiracy", "3rd type": "", "Source Notes": ""},
        "jokes.example": {"type": "satire", "2nd type": "", "3rd type": "", "Source Notes": ""},
        "blank.example": {"type": "", "2nd type": "", "3rd type": "", "Source Notes": ""},
    }))
    (root / "bs_detector" / "data.json").write_text(json.dumps({
        "fakedaily.example": {"language": "en", "type": "bais", "notes": ""},
        "myblog.blogspot.com": {"language": "en", "type": "conpiracy", "notes": ""},
    }))
    header = "source_url\tsource_url_normalized\tref\tfact\tbias\n"
    (root / "mbfc_baly2018" / "emnlp18_corpus.tsv").write_text(
        header + "https://www.goodpaper.example/\tgoodpaper.example\thttps://mbfc.example/gp\thigh\tcenter\n")
    (root / "mbfc_baly2018" / "acl2020_corpus.tsv").write_text(
        header + "https://goodpaper.example\tgoodpaper.example\tx\tlow\tleft\n"  # emnlp18 wins
        + "https://mixed.example\tmixed.example\tx\tmixed\tright\n")
    (root / "mbfc_stopaganda" / "sources.json").write_text(json.dumps({
        "goodpaper.example": {"bias": "least biased", "accuracy": "very high", "href": "x"},
        "mdpi.example/journal/a": {"bias": "pro-science", "accuracy": "high", "href": "x"},
    }))
    return root


@pytest.fixture
def table(lists, tmp_path):
    write_table(build_table(lists), tmp_path / "table")
    return SourceTable.load(tmp_path / "table")


@pytest.mark.parametrize(
    ("url", "domain", "level"),
    [
        # Lists disagree (OpenSources fake, BS Detector bias): the worst level wins.
        ("http://www.FakeDaily.example/2016/story", "fakedaily.example", "low"),
        # A subdomain of a listed site is that site.
        ("https://news.goodpaper.example/a", "goodpaper.example", "high"),
        ("jokes.example", "jokes.example", "satire"),
        ("mixed.example/x", "mixed.example", "mixed"),
        # A blog on a shared host is its own site, and typos in the lists are mended.
        ("http://myblog.blogspot.com/p", "myblog.blogspot.com", "low"),
        # A path-specific entry.
        ("https://mdpi.example/journal/a/article-1", "mdpi.example/journal/a", "high"),
    ],
)
def test_lookup(table, url, domain, level):
    part = table.lookup(url)
    assert (part["domain"], part["known"], part["level"]) == (domain, True, level)
    assert domain in part["summary"]


def test_ratings_name_their_list(table):
    part = table.lookup("fakedaily.example")
    assert [(r["list"], r.get("category")) for r in part["ratings"]] == [
        ("bs_detector", "bias"), ("opensources", "fake, conspiracy")]
    assert "The lists disagree" in part["summary"]


def test_unknown_and_missing(table):
    assert table.lookup("https://www.other.example/x") == {
        "domain": "other.example", "known": False, "level": None, "ratings": [],
        "summary": "other.example is not in any of the source lists we ship."}
    assert table.lookup(None)["domain"] is None
    assert table.lookup("")["known"] is False
    # Hosts without a dot, or nothing but dots, are looked up without a crash (dataset URLs have both).
    for odd in ("http://localhost/a", "http://./x", "...", "http://[::1]/", "https://", "com", "http://[not-an-address/x"):
        assert table.lookup(odd)["known"] is False
    # A listed site's parent is not the site.
    assert table.lookup("blogspot.com")["known"] is False


def test_empty_type_rows_are_left_out(table):
    assert "blank.example" not in table.domains


def test_same_lists_same_bytes(lists, tmp_path):
    a = write_table(build_table(lists), tmp_path / "a")
    b = write_table(build_table(lists), tmp_path / "b")
    for name in ("table.json", "NOTICE.md", "manifest.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert "LGPL-3.0" in (a / "NOTICE.md").read_text()


def test_tampered_table_fails(lists, tmp_path):
    d = write_table(build_table(lists), tmp_path / "t")
    (d / "table.json").write_text((d / "table.json").read_text().replace("fake", "real"))
    with pytest.raises(ModelIntegrityError):
        SourceTable.load(d)
    with pytest.raises(ModelError):
        SourceTable.load(tmp_path / "nowhere")


def test_registrable_domain_uses_the_bundled_suffix_list():
    assert registrable_domain("https://www.bbc.co.uk/news") == "bbc.co.uk"
    assert registrable_domain("a.b.example.com.au") == "example.com.au"
    assert registrable_domain("82.221.129.208") == "82.221.129.208"
    assert registrable_domain("localhost") == "localhost"


def test_shipped_table_loads_without_shared():
    from newsaudit.loading import MODELS_DIR

    table = SourceTable.load(MODELS_DIR / "sources")
    assert len(table.domains) > 8000
    part = table.lookup("https://www.infowars.com/some-story")
    assert part["level"] == "low"
    assert {r["list"] for r in part["ratings"]} >= {"opensources", "mbfc"}
    assert "LGPL-3.0" in (MODELS_DIR / "sources" / "NOTICE.md").read_text()


def test_component_reads_url_or_meta_domain(table):
    comp = Source(table)
    a = comp(Article(body="x", url="https://fakedaily.example/a"))
    assert a.parts["source"]["level"] == "low"
    b = comp(Article(body="x", meta={"domain": "goodpaper.example"}))
    assert b.parts["source"]["known"] is True
    c = comp(Article(body="x"))
    assert c.parts["source"]["known"] is False


def test_html_canonical_link_reaches_the_source_part():
    import newsaudit

    page = ('<html><head><title>T</title><link rel="canonical" href="https://www.infowars.com/story"></head>'
            "<body><article><p>" + "The council met on Monday and approved the budget. " * 20
            + "</p></article></body></html>")
    report = newsaudit.load()(page)
    assert report["source"]["domain"] == "infowars.com"


def test_train_sources_command_writes_a_table(lists, tmp_path):
    from click.testing import CliRunner

    from newsaudit.cli import cli

    result = CliRunner().invoke(cli, ["train", "sources", "--data", str(lists), "--out", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["domains"] == 6
    assert SourceTable.load(tmp_path / "o").lookup("jokes.example")["level"] == "satire"
