"""Legacy Vietnamese text (TCVN3, VNI-Windows) to Unicode: helpers.legacy."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from helpers import legacy
from helpers.legacy import from_unicode, to_unicode
from helpers.text import canonical

SEEDS = Path("/work/shared/seeds")
UNITS_CSV = Path(__file__).resolve().parents[1] / "data" / "reference" / "units.csv"

# Independent references, typed from published conversion charts (tone order
# grave, acute, hook, tilde, dot: not the order of the module's tables).
UNICODE_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
TCVN3_LOWER = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉËÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ®"
VNI_LOWER = (
    "aø aù aû aõ aï aê aè aé aú aü aë aâ aà aá aå aã aä eø eù eû eõ eï eâ eà eá eå eã eä "
    "ì í æ ó ò oø où oû oõ oï oâ oà oá oå oã oä ô ôø ôù ôû ôõ ôï uø uù uû uõ uï "
    "ö öø öù öû öõ öï yø yù yû yõ î ñ"
).split()

# Hand-typed samples as they appear in old district files.
TCVN3_SAMPLES = {
    "§¶ng bé": "Đảng bộ",
    "HuyÖn ñy Chiªm Hãa": "Huyện ủy Chiêm Hóa",
    "S¬n D\xad¬ng": "Sơn Dương",
    "L©m B×nh": "Lâm Bình",
    "Hµm Yªn": "Hàm Yên",
    "KÕt qu¶ kÕt n¹p ®¶ng viªn": "Kết quả kết nạp đảng viên",
    "§¶NG Bé TØNH TUY£N QUANG": "ĐẢNG BỘ TỈNH TUYÊN QUANG",
    "QuÇn chóng vi ph¹m chÝnh s¸ch KHHG§": "Quần chúng vi phạm chính sách KHHGĐ",  # initials with Đ
    "§¹i biÓu H§ND x·": "Đại biểu HĐND xã",
    # codes that are all letters Vietnamese writes: read by how Vietnamese spells
    "Céng II": "Cộng II",  # "c" before e: no Vietnamese word
    "Chi bé trùc thuéc": "Chi bộ trực thuộc",  # "trùc": closed by c, grave tone
}
VNI_SAMPLES = {
    "Ñaûng boä": "Đảng bộ",
    "Huyeän uûy Chieâm Hoùa": "Huyện ủy Chiêm Hóa",
    "Thò traán Vónh Loäc": "Thị trấn Vĩnh Lộc",
    "Sôn Döông": "Sơn Dương",
    "Tænh Tuyeân Quang": "Tỉnh Tuyên Quang",
    "KEÁT QUAÛ KEÁT NAÏP ÑAÛNG VIEÂN": "KẾT QUẢ KẾT NẠP ĐẢNG VIÊN",
    "Quaàn chuùng vi phaïm chính saùch KHHGÑ": "Quần chúng vi phạm chính sách KHHGĐ",
    "Ñaïi bieåu HÑND xaõ": "Đại biểu HĐND xã",
    "Chuû tòch UBND": "Chủ tịch UBND",  # reads as TCVN3 too, misspelt: "Chuỷ tũch"
}

BASES = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _letters() -> list[str]:
    return [unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES] + ["đ"]


def _syllable(letter: str) -> str:
    """A well-formed syllable holding ``letter``: "tắn", "tơm", "đa"."""
    if letter == "đ":
        return "đa"
    bare = unicodedata.normalize("NFC", "".join(ch for ch in unicodedata.normalize("NFD", letter) if ch not in TONES))
    return "t" + letter + ("n" if bare in "ăâ" else "m")


def _vietnamese_corpus() -> list[str]:
    lines = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if UNITS_CSV.exists():
        lines += [ln.split(",")[1] for ln in UNITS_CSV.read_text(encoding="utf-8").splitlines()[1:] if ln.count(",") >= 2]
    return lines


class TestTables:
    def test_tcvn3_matches_an_independent_chart(self):
        assert [legacy.TCVN3[ch] for ch in UNICODE_LOWER] == list(TCVN3_LOWER)

    def test_vni_matches_an_independent_chart(self):
        assert [legacy.VNI[ch] for ch in UNICODE_LOWER] == VNI_LOWER

    def test_every_letter_and_tone_has_a_code_in_both_cases(self):
        letters = [ch for ch in _letters() if not ch.isascii()]
        assert len(letters) == 67
        assert all(ch in legacy.TCVN3 for ch in letters)
        assert all(ch in legacy.VNI and ch.upper() in legacy.VNI for ch in letters)
        # TCVN3 has capital codes for the seven unaccented letters only.
        assert sorted(ch for ch in legacy.TCVN3 if ch.isupper()) == sorted("ĂÂÊÔƠƯĐ")

    @pytest.mark.parametrize("table", ["TCVN3", "VNI"])
    def test_codes_are_unique(self, table):
        codes = list(getattr(legacy, table).values())
        assert len(codes) == len(set(codes))


class TestToUnicode:
    @pytest.mark.parametrize(("text", "expected"), sorted(TCVN3_SAMPLES.items()))
    def test_tcvn3_samples(self, text, expected):
        assert to_unicode(text) == (expected, "TCVN3")

    @pytest.mark.parametrize(("text", "expected"), sorted(VNI_SAMPLES.items()))
    def test_vni_samples(self, text, expected):
        assert to_unicode(text) == (expected, "VNI")

    @pytest.mark.parametrize("encoding", ["TCVN3", "VNI"])
    @pytest.mark.parametrize("case", ["lower", "upper"])
    def test_round_trip_every_letter_and_tone(self, encoding, case):
        # Each letter in a syllable, in a cell that also says "Đảng bộ".
        for letter in _letters():
            text = f"Đảng bộ {_syllable(letter)}"
            if case == "upper":
                text = text.upper()
            assert to_unicode(from_unicode(text, encoding)) == (text, encoding), letter

    def test_tcvn3_capital_in_mixed_case_cell_comes_out_small(self):
        # Documented: a toned capital has no TCVN3 code; in a mixed-case cell
        # it is read as the small letter.
        assert to_unicode(from_unicode("Ủy ban xã Hòa Phú", "TCVN3")) == ("ủy ban xã Hòa Phú", "TCVN3")

    def test_result_is_canonical(self):
        # New-style tone placement ("Hoà") and stray spaces come out classic.
        assert to_unicode(" x· Hoµ  Phó ") == ("xã Hòa Phú", "TCVN3")
        assert to_unicode("xaõ Hoaø Phuù") == ("xã Hòa Phú", "VNI")

    def test_ascii_is_returned_as_is(self):
        text = "Cong an huyen 2023"
        out = to_unicode(text)
        assert out == (text, None) and out[0] is text

    def test_no_unit_name_of_the_country_is_taken_for_legacy_text(self):
        import csv

        names = set()
        for path in (UNITS_CSV.parent / "national").glob("*.csv"):
            with path.open(encoding="utf-8") as f:
                names |= {v for row in csv.reader(f) for v in row if v and not v.isascii()}
        assert len(names) > 7_000
        words = {w for name in names for w in name.split()}
        for text in sorted(names | words):
            for variant in (text, text.upper(), text.lower()):
                assert to_unicode(variant) == (variant, None), variant

    def test_no_false_positive_on_unicode_vietnamese(self):
        corpus = _vietnamese_corpus()
        assert len(corpus) > 20
        for line in corpus:
            for text in (line, unicodedata.normalize("NFD", line), line.upper()):
                assert to_unicode(text) == (text, None), text

    @pytest.mark.parametrize(
        "text",
        [
            "Tỷ lệ «tốt» 57,8 %",
            "Hòa Phú",
            "Tân Yên",
            "Xuân Vân – Kim Bình",
            "Hoà Thuý",
            "Hoãn, già, quê, muôn",
            "© 2023 · § 3 · ½ · 25° · ±1 · ×2",
            "«Tân Trào»",
            "F5: 26 / (9 × 5) = 57,8 %",
            "§ 3, Điều 5",
            "KHHG§",  # initials alone: no word converted, no evidence
            "KHHGÑ 2023",
            "Xuân · Vân ÷ 2",
            "Café",
            "Señor",
            "naïve",
        ],
    )
    def test_no_false_positive_on_latin1_text(self, text):
        assert to_unicode(text) == (text, None)

    def test_mixed_legacy_and_unicode_is_left_alone(self):
        # A cell holding genuine Unicode letters is not legacy text.
        assert to_unicode("Đảng bộ §¶ng bé") == ("Đảng bộ §¶ng bé", None)

    def test_canonical_equals_converted(self):
        for text, expected in {**TCVN3_SAMPLES, **VNI_SAMPLES}.items():
            assert to_unicode(text)[0] == canonical(expected)


class TestFromUnicode:
    def test_writes_both_encodings(self):
        assert from_unicode("Đảng bộ", "TCVN3") == "§¶ng bé"
        assert from_unicode("Đảng bộ", "VNI") == "Ñaûng boä"

    def test_unknown_encoding(self):
        with pytest.raises(KeyError, match="UTF"):
            from_unicode("x", "UTF-7")


# --- text decoded with the wrong code page ----------------------------------------------------

WRONG_CODE_PAGE = ["ĐẢNG BỘ", "Đảng bộ xã Hòa Phú", "Huyện ủy Chiêm Hóa", "Thị trấn Vĩnh Lộc",
                   "Kết quả kết nạp đảng viên năm 2023", "Bí thư đảng ủy", "Phó Chủ tịch UBND"]


class TestWrongCodePage:
    def test_windows_1258_read_as_windows_1252(self):
        assert to_unicode("ÐAÒNG BÔò") == ("ĐẢNG BỘ", "CP1258")

    @pytest.mark.parametrize("encoding", ["CP1258", "UTF-8"])
    @pytest.mark.parametrize("text", WRONG_CODE_PAGE)
    def test_round_trip(self, encoding, text):
        garbled = from_unicode(text, encoding)
        assert garbled != text
        assert to_unicode(garbled) == (canonical(text), encoding)

    def test_utf8_read_as_windows_1252_with_its_control_characters(self):
        # "Đ" is C4 90 in UTF-8; 0x90 has no Windows-1252 letter and shows as U+0090
        assert to_unicode("Ä\x90áº£ng bá»™") == ("Đảng bộ", "UTF-8")

    def test_every_letter_and_tone_round_trips(self):
        for encoding in ("CP1258", "UTF-8"):
            for letter in _letters():
                text = f"Đảng bộ {_syllable(letter)}"
                assert to_unicode(from_unicode(text, encoding)) == (text, encoding), (encoding, letter)

    def test_latin1_text_is_not_repaired(self):
        for text in ("Hoãn, già, quê, muôn", "Lý Bôi", "Café", "naïve", "Señor", "Ðorđe"):
            assert to_unicode(text) == (text, None), text

    def test_genuine_vietnamese_is_never_repaired(self):
        for line in _vietnamese_corpus():
            assert to_unicode(line) == (line, None), line


class TestDiagnose:
    @pytest.mark.parametrize(("text", "label"), [
        ("Đ?ng b? x? H?a Ph?", "lost"),
        ("Ä\x90áº£ng bá»™ x\ufffd", "lost"),
        ("B\ufffdo c\ufffdo", "lost"),
        ("Äáº£ng bá»™ xÃ£ H", "UTF-8"),  # cut short: not repairable
        ("§¶ng bé x§", "TCVN3"),
    ])
    def test_names_what_garbled_text_looks_like(self, text, label):
        assert to_unicode(text)[1] is None
        assert legacy.diagnose(text) == label
        assert set(legacy.DIAGNOSES[label]) == {"vi", "en"}

    @pytest.mark.parametrize("text", ["Hòa Phú", "Đảng bộ", "Có không?", "© 2023 · § 3", "F5: 26 / (9 × 5)", "ok?"])
    def test_ordinary_text_is_not_garbled(self, text):
        assert legacy.diagnose(text) is None

    def test_repairable_text_is_not_diagnosed(self):
        assert legacy.diagnose("ÐAÒNG BÔò") is None

    def test_every_label_has_a_name_in_both_languages(self):
        assert set(legacy.ENCODING_NAMES) == set(legacy.ENCODINGS)
        assert all(set(v) == {"vi", "en"} for v in legacy.ENCODING_NAMES.values())
