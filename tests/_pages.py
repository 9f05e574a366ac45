"""Reading built pages as a person sees them: the text, in which language, and what looks broken."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

#: Text that should never reach a reader: missing values, object reprs,
#: unfilled templates, a dash standing for a value, tracebacks.
BROKEN = re.compile(
    r"\bnan\b|\bNaN\b|\bNone\b|\bNaT\b|<NA>|Series\(|DataFrame|dtype|object at 0x|Traceback|"
    r"No description has been provided|\{|\}|(?<!\d)–|–(?!\d)"
)
#: A number written the other language's way.
WRONG_NUMBER = {
    "vi": re.compile(r"\b\d+\.\d{4,}\b|\b0\.\d+\b|\b\d+\.\d%"),  # 0.94382, 0.5, "57.8%"
    "en": re.compile(r"\b\d+,\d{1,2}\b(?!,)|\d \%"),  # a decimal comma, "57,8 %"
}
#: English words no Vietnamese sentence has.
ENGLISH = re.compile(r"\b(the|and|of|with|from|are|is|were|was|this|that|report|district|figures?|data|units?|year)\b", re.I)
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


class _Text(HTMLParser):
    """Text nodes and alt texts with the language of their element; glosses (``em``) apart."""

    def __init__(self, lang: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []
        self.skip = 0
        self.parts: list[tuple[str, str, bool]] = []  # (lang, text, glossed)
        self.page_lang = lang
        self.alts: list[tuple[str, str | None]] = []
        self.images: list[dict] = []

    def _lang(self) -> str:
        for _tag, lang in reversed(self.stack):
            if lang:
                return lang
        return self.page_lang

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_lang = attrs.get("lang", "")
        if tag in ("img",):
            self.images.append(attrs)
            self.alts.append((self._lang(), attrs.get("alt")))
            return
        if tag in ("meta", "br", "hr", "link", "input"):
            return
        if tag in ("style", "script"):
            self.skip += 1
        self.stack.append((tag, attrs.get("lang", "")))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.skip or not data.strip():
            return
        glossed = any(t in ("em", "i", "code") for t, _ in self.stack)
        self.parts.append((self._lang(), data, glossed))


def read_page(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def page_text(html: str) -> str:
    """Everything a reader sees, glosses and alt texts included, as one string."""
    page = read_page(html)
    return "\n".join([t for _lang, t, _g in page.parts] + [a or "" for _lang, a in page.alts])


def broken_text(html: str) -> list[str]:
    """The snippets of a page that look broken."""
    found = []
    for line in page_text(html).splitlines():
        for m in BROKEN.finditer(line):
            found.append(line[max(0, m.start() - 40) : m.end() + 40])
    return found


#: An official document's number: "124-QĐ/TW", "11-HD/BTCTW", "Biểu số 2-BTCTW".
_DOCUMENT_NUMBER = re.compile(r"\b\d+[A-Z]?-[A-ZĐ]+/[A-ZĐ]+\b|\bBiểu số \d+[A-Z]?-BTCTW\b")


def wrong_language(html: str, lang: str, names: set[str]) -> list[str]:
    """Sentences of ``lang``'s page that are in the other language.

    In a Vietnamese page: English words.  In an English page: Vietnamese
    words, leaving out proper names (``names``: districts, units, people's
    committees …), glosses (``<em>``), and quotations.
    """
    page = read_page(html)
    out = []
    for part_lang, text, glossed in page.parts:
        if part_lang != lang or glossed:
            continue
        text = unicodedata.normalize("NFC", text)
        if lang == "vi":
            out += [text.strip()[:80] for _ in ENGLISH.finditer(text)][:1]
            continue
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, " ")
        text = _QUOTED.sub(" ", text)
        text = _DOCUMENT_NUMBER.sub(" ", text)  # "Regulation 124-QĐ/TW": a document's number is not translated
        words = [w for w in re.findall(r"\w+", text) if _VIETNAMESE_LETTER.search(unicodedata.normalize("NFD", w))]
        if words:
            out.append(f"{words[:5]} in {text.strip()[:100]}")
    return out


def wrong_numbers(html: str, lang: str) -> list[str]:
    page = read_page(html)
    return [t.strip()[:80] for part_lang, t, _g in page.parts if part_lang == lang and WRONG_NUMBER[lang].search(t)]
