"""The index page's content, the outputs lock, and stable shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportlib.build.index import render_index
from reportlib.build.lock import OutputsLock
from reportlib.build.manifest import (
    FORMAT_VERSION,
    Manifest,
    load_manifest,
    manifest_text,
    save_manifest,
)
from reportlib.build.records import ManifestEntry, OutputFile
from reportlib.build.shard import parse_shard, shard_of, take_shard
from reportlib.errors import ParamsError


def _entry(**values: object) -> ManifestEntry:
    entry: dict[str, object] = {
        "district": "Tháp Mười",
        "year": 2023,
        "period_months": 9,
        "status": "ok",
        "counts": {
            "total": 11,
            "period": {"exceeded": 3, "met": 2, "not_met": 1, "in_progress": 5, "no_data": 0},
        },
        "outputs": {"html": {"path": "2023/thap-muoi.html", "sha256": "x"}},
        "built_at": "2026-01-01T00:00:00Z",
        "duration_s": 2.5,
    }
    entry.update(values)
    return ManifestEntry.from_json({"name": "x", "params": "params/x.yaml", **entry})


def test_index_lists_counts_links_and_escapes_everything() -> None:
    manifest = Manifest(
        reports={
            "2023/thap-muoi": _entry(),
            "2023/evil": _entry(
                district='<script>alert("x")</script>',
                status="failed",
                error="row 3: value '<b>'",
                stale=True,
            ),
        }
    )
    html = render_index(manifest)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "value &#39;&lt;b&gt;&#39;" in html
    assert "05/11" in html and 'href="2023/thap-muoi.html"' in html
    assert "Lỗi – giữ bản cũ" in html
    assert "http://" not in html and "https://" not in html


def test_index_names_the_statuses_in_vietnamese() -> None:
    html = render_index(Manifest(reports={"2023/thap-muoi": _entry()}))
    assert "Vượt: 3, Đạt: 2, Không đạt: 1, Đang thực hiện: 5" in html
    assert 'title="Không đạt: 1"' in html
    assert "not_met:" not in html and "exceeded:" not in html


def test_manifest_round_trips_and_survives_garbage(tmp_path: Path) -> None:
    manifest = Manifest(reports={"a": _entry()})
    save_manifest(tmp_path, manifest)
    assert load_manifest(tmp_path).reports == manifest.reports
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert load_manifest(tmp_path).reports == {}


def test_the_manifest_text_is_plain_indented_json_and_follows_every_new_entry() -> None:
    def reference(manifest: Manifest) -> str:
        reports = {name: manifest.reports[name].to_json() for name in sorted(manifest.reports)}
        data = {"format": FORMAT_VERSION, "reports": reports}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    assert manifest_text(Manifest()) == reference(Manifest())
    manifest = Manifest(
        reports={
            "b": _entry(error='dòng 1\ndòng 2 "trích"', status="failed"),
            "a": _entry(warnings=["Tháp Mười: ước tính"]),
        }
    )
    assert manifest_text(manifest) == reference(manifest)
    assert manifest_text(manifest) == reference(manifest)  # the cached entries' text
    manifest.reports["a"] = _entry(duration_s=9.75)  # a report's new result: a new entry
    manifest.reports["c"] = _entry(district="Cao Lãnh")
    assert manifest_text(manifest) == reference(manifest)
    assert '"duration_s": 9.75' in manifest_text(manifest)


def test_a_manifest_of_format_1_is_read(tmp_path: Path) -> None:
    # As reportlib 0.1 wrote it: the unit named 'district', no unit code or level.
    (tmp_path / "manifest.json").write_text(
        """{"format": 1, "reports": {"2023/thap-muoi": {
        "name": "2023/thap-muoi", "params": "params/2023/thap-muoi.yaml",
        "district": "Tháp Mười", "province": "Đồng Tháp", "year": 2023, "period_months": 9,
        "language": "vi", "key": "k", "inputs": {"notebook": "n"},
        "counts": {"total": 11, "period": {"met": 2}, "year_end": {"met": 10}},
        "duration_s": 1.2, "built_at": "2026-11-26T07:37:00Z", "warnings": [],
        "status": "ok", "outputs": {"html": {"path": "2023/thap-muoi.html", "sha256": "ab"}},
        "error": null, "cell": null, "stale": false, "pdf_font": "Tinos"}}}""",
        encoding="utf-8",
    )
    entry = load_manifest(tmp_path).reports["2023/thap-muoi"]
    assert (entry.unit, entry.year, entry.status, entry.key) == ("Tháp Mười", 2023, "ok", "k")
    assert entry.outputs["html"] == OutputFile("2023/thap-muoi.html", "ab")
    save_manifest(tmp_path, load_manifest(tmp_path))
    import json

    written = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert written["format"] == 2
    assert written["reports"]["2023/thap-muoi"]["district"] == "Tháp Mười"


def test_a_second_build_on_the_same_outputs_is_refused(tmp_path: Path) -> None:
    with (
        OutputsLock(tmp_path),
        pytest.raises(ParamsError, match="another reportlib build is running"),
        OutputsLock(tmp_path, wait=0.3),
    ):
        pass
    with OutputsLock(tmp_path):
        pass  # released


def test_shards_partition_the_reports_stably(tmp_path: Path) -> None:
    files = [tmp_path / "params" / f"{n:03d}.yaml" for n in range(60)]
    shares = [take_shard(files, (k, 4), tmp_path) for k in range(1, 5)]
    assert sorted(p for share in shares for p in share) == sorted(files)
    assert all(shares), "every share gets some"
    # Adding a report moves no other report to another share.
    more = [*files, tmp_path / "params" / "new.yaml"]
    for k in range(1, 5):
        assert set(shares[k - 1]) <= set(take_shard(more, (k, 4), tmp_path))
    assert shard_of("params/2023/thap-muoi.yaml", 4) == shard_of("params/2023/thap-muoi.yaml", 4)


@pytest.mark.parametrize("text", ["0/4", "5/4", "1-4", "a/b", "1/0"])
def test_bad_shards_are_refused(text: str) -> None:
    with pytest.raises(ParamsError, match="--shard"):
        parse_shard(text)
