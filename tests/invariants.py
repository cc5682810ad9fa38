"""Checks every page must pass: HTML5 that parses, one h1, a title that starts with the h1 (on an
error page after "Fejl: " / "Error: "),
no duplicate ids, `lang` set to the active locale, one meta description."""
from collections import Counter

import html5lib
from bs4 import BeautifulSoup


def check_page(html: bytes | str, locale: str) -> BeautifulSoup:
    text = html.decode() if isinstance(html, bytes) else html
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(text)  # raises html5lib.html5parser.ParseError on any parse error
    soup = BeautifulSoup(text, "html.parser")
    h1s = soup.find_all("h1")
    assert len(h1s) == 1, f"expected one <h1>, found {len(h1s)}"
    h1 = " ".join(h1s[0].get_text().split())
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    own = title.removeprefix({"da": "Fejl: ", "en": "Error: "}.get(locale, ""))
    assert h1 and own.startswith(h1), f"title {title!r} does not start with h1 {h1!r}"
    assert title.endswith("Min Plan"), title
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert soup.html.get("lang") == locale, f"lang={soup.html.get('lang')!r}, expected {locale!r}"
    descriptions = soup.find_all("meta", attrs={"name": "description"})
    assert len(descriptions) == 1, f"expected one <meta name=description>, found {len(descriptions)}"
    description = descriptions[0].get("content", "")
    assert 40 <= len(description) <= 200 and "<" not in description, f"description {description!r}"
    for label in soup.find_all("label"):
        target = label.get("for")
        assert target and soup.find(id=target), f"label without a matching control: {label}"
    return soup
