"""Unit and province names against the official lists before and after 1 July 2025 (SPEC §8)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

import pytest

from reportlib.engine import _vietnamadminunits
from reportlib.engine.units import (
    UnitInfo,
    level_words,
    provinces,
    resolve_province,
    resolve_unit,
    units_of_province,
)
from reportlib.errors import ParamsError

OLD_SAMPLE_UNITS = [
    ("Thành phố Cao Lãnh", "Thành phố Cao Lãnh"),
    ("Thành phố Sa Đéc", "Thành phố Sa Đéc"),
    ("Thành phố Hồng Ngự", "Thành phố Hồng Ngự"),
    ("Tân Hồng", "Huyện Tân Hồng"),
    ("Hồng Ngự", "Huyện Hồng Ngự"),
    ("Tam Nông", "Huyện Tam Nông"),
    ("Tháp Mười", "Huyện Tháp Mười"),
    ("Cao Lãnh", "Huyện Cao Lãnh"),
    ("Thanh Bình", "Huyện Thanh Bình"),
    ("Lấp Vò", "Huyện Lấp Vò"),
    ("Lai Vung", "Huyện Lai Vung"),
    ("Châu Thành", "Huyện Châu Thành"),
]
THAP_MUOI_SUCCESSORS = [
    "Xã Tháp Mười", "Xã Mỹ Quí", "Xã Thanh Mỹ", "Xã Đốc Binh Kiều", "Xã Trường Xuân",
    "Xã Phương Thịnh",
]  # fmt: skip


def unit(
    name: str, year: int = 2026, months: int = 9, province: str | None = "Đồng Tháp"
) -> UnitInfo:
    return resolve_unit(name, province=province, year=year, period_months=months)


def error(name: str, year: int = 2026, months: int = 9, province: str | None = "Đồng Tháp") -> str:
    with pytest.raises(ParamsError) as caught:
        unit(name, year, months, province)
    return str(caught.value)


# --- the list after 1 July 2025 --------------------------------------------------------------


def test_the_list_holds_34_provinces_and_3321_communes_wards_and_special_zones() -> None:
    all_provinces = provinces()
    assert len(all_provinces) == 34
    assert Counter(p.division for p in all_provinces) == {"Tỉnh": 28, "Thành phố": 6}
    units = [u for p in all_provinces for u in units_of_province(p.name)]
    assert len(units) == 3321
    assert Counter(u.level for u in units) == {"commune": 2621, "ward": 687, "special_zone": 13}
    assert len({u.code for u in units}) == 3321
    assert not any(u.legacy for u in units)


def test_dong_thap_has_102_units_in_official_order_with_xa_thap_muoi() -> None:
    units = units_of_province("Đồng Tháp")
    assert len(units) == 102
    assert units[0].name == "Phường Mỹ Tho"  # the official list starts with the old Tiền Giang
    thap_muoi = next(u for u in units if u.name == "Xã Tháp Mười")
    assert thap_muoi.short_name == "Tháp Mười"
    assert (thap_muoi.code, thap_muoi.level, thap_muoi.division) == ("30037", "commune", "Xã")
    assert (thap_muoi.province, thap_muoi.province_code) == ("Tỉnh Đồng Tháp", "82")
    assert "Phường Cao Lãnh" in {u.name for u in units}


def test_units_of_a_merged_province_is_an_error() -> None:
    with pytest.raises(
        ParamsError, match="Tỉnh Tiền Giang was merged on 1 July 2025 into Tỉnh Đồng Tháp"
    ):
        units_of_province("Tiền Giang")


# --- matching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Tháp Mười", "xã tháp mười", "Xã Tháp Mười", "XA THAP MUOI", "thap muoi", "  Xã  Tháp Mười "],
)
def test_a_unit_resolves_with_or_without_accents_case_and_level_word(name: str) -> None:
    found = unit(name)
    assert (found.name, found.code, found.level, found.legacy) == (
        "Xã Tháp Mười",
        "30037",
        "commune",
        False,
    )
    assert found.province == "Tỉnh Đồng Tháp"


def test_the_province_is_optional_and_narrows_the_search() -> None:
    assert unit("Xã Tháp Mười", province=None).province == "Tỉnh Đồng Tháp"
    message = error("Tân Thành", province=None)
    assert "fits" in message and "Tỉnh Đồng Tháp" in message and "give its province" in message


@pytest.mark.parametrize("name", ["Đồng Tháp", "Tỉnh Đồng Tháp", "dong thap", "TỈNH ĐỒNG THÁP"])
def test_a_province_resolves_with_or_without_accents_and_level_word(name: str) -> None:
    found = resolve_province(name, year=2026, period_months=9)
    assert (found.name, found.short_name, found.code, found.level) == (
        "Tỉnh Đồng Tháp",
        "Đồng Tháp",
        "82",
        "province",
    )


@pytest.mark.parametrize(
    "name", ["Hồ Chí Minh", "TP Hồ Chí Minh", "TP. Hồ Chí Minh", "thành phố hồ chí minh"]
)
def test_a_centrally_run_city_resolves_by_its_short_name_or_abbreviation(name: str) -> None:
    found = resolve_province(name, year=2026, period_months=9)
    assert (found.name, found.division, found.code) == ("Thành phố Hồ Chí Minh", "Thành phố", "79")


def test_the_province_unit_itself_is_a_unit_for_the_province_report() -> None:
    found = unit("Tỉnh Đồng Tháp")
    assert (found.level, found.code, found.province_code) == ("province", "82", "82")


def test_an_exact_accented_match_wins_over_names_that_fold_alike() -> None:
    assert unit("Tân Thành").code != unit("Tân Thạnh").code
    assert unit("Xã Tân Thạnh").name == "Xã Tân Thạnh"
    message = error("Tan Thanh")
    assert message.startswith("unit 'Tan Thanh' in Tỉnh Đồng Tháp fits 2 units: ")
    assert "Xã Tân Thành" in message and "Xã Tân Thạnh" in message and "accents" in message


def test_a_bare_name_after_2025_is_the_unit_that_now_carries_it() -> None:
    assert unit("Cao Lãnh").name == "Phường Cao Lãnh"
    assert unit("Côn Đảo", province=None).level == "special_zone"


def test_an_unknown_name_suggests_the_nearest_official_names() -> None:
    message = error("Thap Muoy")
    assert message.startswith("unit 'Thap Muoy' in Tỉnh Đồng Tháp: not an official ")
    assert "did you mean Xã Tháp Mười" in message
    assert "did you mean Tỉnh Đồng Tháp" in error("Xã Tháp Mười", province="Dong Thapp")
    assert "expected its name with or without the level word" in error("Zzzzzz")


def test_a_period_outside_1_to_12_months_is_an_error() -> None:
    with pytest.raises(
        ParamsError, match="period_months 13: expected a number of months from 1 to 12"
    ):
        unit("Tháp Mười", months=13)


# --- legacy units: the crosswalk for later periods, accepted for earlier ones ----------------


def test_a_dissolved_district_for_2026_says_where_its_area_went() -> None:
    message = error("Huyện Tháp Mười")
    story = (
        "Huyện Tháp Mười was dissolved on 1 July 2025; its area is now "
        + ", ".join(THAP_MUOI_SUCCESSORS)
        + " (Tỉnh Đồng Tháp)"
    )
    assert message.startswith("unit 'Huyện Tháp Mười' (2026, 9 months): ")
    assert story in message


def test_a_merged_commune_for_2026_says_which_unit_it_joined() -> None:
    expected = (
        "Xã Mỹ Hòa (Huyện Tháp Mười) was merged on 1 July 2025 into Xã Tháp Mười, Tỉnh Đồng Tháp"
    )
    assert expected in error("Xã Mỹ Hòa")
    assert expected in error("My Hoa, Huyện Tháp Mười")


def test_a_divided_commune_for_2026_names_every_part() -> None:
    message = error("Xã Gáo Giồng, Huyện Cao Lãnh")
    assert "Xã Gáo Giồng (Huyện Cao Lãnh) was divided on 1 July 2025 among " in message
    assert "Xã Phong Mỹ" in message and "Xã Phú Cường" in message


def test_a_merged_province_for_2026_says_which_province_it_joined() -> None:
    story = "Tỉnh Tiền Giang was merged on 1 July 2025 into Tỉnh Đồng Tháp"
    assert story in error("Tiền Giang", province=None)
    with pytest.raises(ParamsError, match=f"province 'Tiền Giang' \\(2026, 9 months\\): {story}"):
        resolve_province("Tiền Giang", year=2026, period_months=9)
    # A legacy district of the merged province is found under the province it joined.
    message = error("Huyện Cái Bè")
    assert "Huyện Cái Bè was dissolved on 1 July 2025; its area is now Xã " in message
    assert "Xã Cái Bè" in message and "(Tỉnh Đồng Tháp)" in message


def test_the_same_legacy_names_are_accepted_for_2023() -> None:
    district = unit("Huyện Tháp Mười", year=2023)
    assert (district.level, district.code, district.legacy) == ("district", "872", True)
    assert (district.province, district.province_code) == ("Tỉnh Đồng Tháp", "87")  # the old code
    commune = unit("Xã Mỹ Hòa", year=2023)
    assert (commune.level, commune.district, commune.legacy) == ("commune", "Huyện Tháp Mười", True)
    province = resolve_province("Tiền Giang", year=2023, period_months=9)
    assert (province.name, province.code, province.legacy) == ("Tỉnh Tiền Giang", "82", True)
    assert unit("Tỉnh Tiền Giang", year=2023, province=None).legacy


def test_units_after_1_july_2025_are_accepted_for_earlier_years() -> None:
    found = unit("Xã Tháp Mười", year=2023)
    assert (found.code, found.legacy, found.province_code) == ("30037", False, "82")


@pytest.mark.parametrize(("months", "legacy"), [(6, True), (7, False), (9, False), (12, False)])
def test_the_legacy_list_applies_to_periods_ending_by_30_june_2025(
    months: int, legacy: bool
) -> None:
    if legacy:
        assert unit("Huyện Tháp Mười", year=2025, months=months).legacy
    else:
        assert "was dissolved on 1 July 2025" in error("Huyện Tháp Mười", year=2025, months=months)


@pytest.mark.parametrize(("name", "official"), OLD_SAMPLE_UNITS)
def test_the_old_samples_units_resolve_for_2023_as_districts(name: str, official: str) -> None:
    found = unit(name, year=2023)
    assert (found.name, found.level, found.legacy, found.province) == (
        official,
        "district",
        True,
        "Tỉnh Đồng Tháp",
    )


def test_the_old_samples_province_resolves_for_2023() -> None:
    found = resolve_province("Đồng Tháp", year=2023, period_months=9)
    assert (found.name, found.code, found.level) == ("Tỉnh Đồng Tháp", "87", "province")


def test_a_legacy_name_in_several_districts_asks_for_the_district() -> None:
    message = error("Phường 1", year=2023)
    assert "fits 2 units: Phường 1 (Thành phố Cao Lãnh), Phường 1 (Thành phố Sa Đéc)" in message
    assert "write its district too, e.g. 'Phường 1, Thành phố Cao Lãnh'" in message
    assert unit("Phường 1, Sa Đéc", year=2023).district == "Thành phố Sa Đéc"


# --- level words -----------------------------------------------------------------------------


def test_level_words_in_vietnamese() -> None:
    words = level_words(unit("Xã Tháp Mười"))
    assert (words.noun, words.whole, words.committee_short, words.committee, words.council) == (
        "xã", "toàn xã", "UBND xã", "Ủy ban nhân dân xã", "Hội đồng nhân dân xã",
    )  # fmt: skip
    assert level_words("ward").noun == "phường"
    assert level_words("special_zone").committee == "Ủy ban nhân dân đặc khu"
    assert level_words(resolve_province("Đồng Tháp", year=2026, period_months=9)).noun == "tỉnh"
    assert level_words(resolve_province("Hà Nội", year=2026, period_months=9)).noun == "thành phố"
    assert level_words("district").committee_short == "UBND huyện"
    assert level_words(unit("Thành phố Cao Lãnh", year=2023)).noun == "thành phố"
    assert level_words(unit("Quận 1", year=2023, province="Hồ Chí Minh")).noun == "quận"


def test_level_words_in_english() -> None:
    words = level_words("commune", "en")
    assert (words.noun, words.committee, words.council) == (
        "the commune", "Commune People's Committee", "Commune People's Council",
    )  # fmt: skip
    assert level_words("ward", "en").noun == "the ward"
    assert level_words("special_zone", "en").noun == "the special zone"
    assert level_words("province", "en").noun == "the province"
    assert (
        level_words(resolve_province("Hà Nội", year=2026, period_months=9), "en").noun == "the city"
    )
    assert level_words("district", "en").noun == "the district"


# --- the shortcut into vietnamadminunits' data files -----------------------------------------


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Empty the shortcut's caches before and after, so a test can change its mind."""
    caches = (
        _vietnamadminunits._files,
        _vietnamadminunits.legacy_communes,
        _vietnamadminunits.successor,
        _vietnamadminunits.province_successor,
    )
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


def test_vietnamadminunits_still_looks_as_the_shortcut_assumes() -> None:
    # If this fails, vietnamadminunits changed its version, files, columns or mappings: check
    # _vietnamadminunits.py against the new release before raising EXPECTED_VERSION.
    assert _vietnamadminunits.uses_data_files(), (
        "vietnamadminunits changed: see _vietnamadminunits.py"
    )
    assert len(_vietnamadminunits.legacy_communes()) == 10040


def test_the_public_api_gives_the_same_legacy_list_and_crosswalk(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _vietnamadminunits._read_files()
    monkeypatch.setattr(_vietnamadminunits, "EXPECTED_VERSION", "0.0.0")  # as if it changed
    assert not _vietnamadminunits.uses_data_files()

    communes = _vietnamadminunits.legacy_communes()
    assert sorted(communes, key=lambda c: c.key) == sorted(files.communes, key=lambda c: c.key)
    for commune in communes:
        if commune.district in ("Huyện Tháp Mười", "Huyện Cao Lãnh"):
            # The public API gives a divided commune's default successor only: the files' first.
            expected = files.successors[commune.key]
            expected = _vietnamadminunits.Successor(expected.province, expected.units[:1])
            assert _vietnamadminunits.successor(commune) == expected, commune
    for old, new in files.provinces.items():
        assert _vietnamadminunits.province_successor(old) == new


def test_resolving_a_current_unit_loads_neither_the_legacy_list_nor_the_address_parser() -> None:
    code = (
        "import sys\n"
        "from reportlib.engine import unit_lists\n"
        "from reportlib.engine.units import resolve_unit\n"
        "resolve_unit('Tháp Mười', province='Đồng Tháp', year=2026, period_months=9)\n"
        "print(unit_lists.legacy.cache_info().currsize, 'vietnamadminunits' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_a_changed_crosswalk_falls_back_alone(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if converter_2025.json lost a mapping: the list still comes from the files.
    mappings = (*_vietnamadminunits._MAPPINGS, "DICT_NOT_THERE")
    monkeypatch.setattr(_vietnamadminunits, "_MAPPINGS", mappings)
    assert not _vietnamadminunits.uses_data_files()
    assert _vietnamadminunits._files() is not None
    assert len(_vietnamadminunits.legacy_communes()) == 10040
    assert _vietnamadminunits.province_successor("Tỉnh Tiền Giang") == "Tỉnh Đồng Tháp"


def test_resolving_a_legacy_unit_reads_neither_the_crosswalk_nor_the_current_list() -> None:
    code = (
        "from reportlib.engine import _vietnamadminunits, unit_lists\n"
        "from reportlib.engine.units import resolve_unit\n"
        "resolve_unit('Tháp Mười', province='Đồng Tháp', year=2023, period_months=9)\n"
        "files = _vietnamadminunits._files()\n"
        "print(unit_lists.current.cache_info().currsize, 'crosswalk' in vars(files))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]
