"""The catalogue of activities and offers a caseworker can put in a citizen's plan, as dated
data beside the rules (app/rules/). Each limit names its source; a value marked SETTING is our
choice where the sources are silent.

Sources:
- "lab_61": Lov om en aktiv beskæftigelsesindsats § 61 (LBK nr. 280 af 1. marts 2024): a
  virksomhedspraktik lasts up to 4 weeks for those close to the labour market, up to 13 weeks
  for the others, and for those (stk. 1, nr. 2) it may after a concrete assessment be extended
  to 26 weeks. https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/61/
  Who has 4 weeks (dagpenge, jobparate kontanthjælp, uddannelsesparate):
  https://www.cabiweb.dk/lovstof/virksomhedspraktik/
- "003": seeds 003 [L266-342]: the four offers (virksomhedspraktik, løntilskud, nytteindsats,
  vejledning og opkvalificering); nytteindsats lasts up to 13 weeks; vejledning og
  opkvalificering has in principle no limit on its length. Support: mentor, aids, transport
  (DOMAIN.md, offers).
Law no. 1750 (from 1 July 2026, "more flexible offers") is not known to us to change these
lengths; no source confirming a change was found, so the one catalogue applies from 2024.
"""
from dataclasses import dataclass
from datetime import date

from .. import labels
from ..rules.offers import PRACTICE_4_WEEKS

CLOSE_TO_MARKET = PRACTICE_4_WEEKS  # app/rules/offers.py


@dataclass(frozen=True)
class Limit:
    weeks: int
    extended_weeks: int | None  # the longest after a concrete assessment; None: cannot be extended
    source: str


@dataclass(frozen=True)
class Kind:
    code: str
    offer: bool                 # one of the four offers (True) or support (False)

    @property
    def label(self) -> str:
        return labels.label(labels.ACTIVITY_KINDS, self.code)


KINDS = (
    Kind("virksomhedspraktik", True),
    Kind("loentilskud_privat", True),
    Kind("loentilskud_offentlig", True),
    Kind("nytteindsats", True),
    Kind("vejledning", True),
    Kind("kursus", True),
    Kind("mentor", False),
    Kind("hjaelpemidler", False),
    Kind("transport", False),
    Kind("andet", False),
)
BY_CODE = {kind.code: kind for kind in KINDS}


@dataclass(frozen=True)
class Catalogue:
    valid_from: date
    source: str

    def limit(self, kind: str, group: str) -> Limit | None:
        if kind == "virksomhedspraktik":
            if group in CLOSE_TO_MARKET:
                return Limit(4, None, "lab_61")
            return Limit(13, 26, "lab_61")
        if kind == "nytteindsats":
            return Limit(13, None, "003")
        return None


CATALOGUES = (Catalogue(date(2024, 3, 1), "LBK nr. 280 af 1. marts 2024; seeds 003 [L266-342]"),)

# SETTING: the longest an activity may be planned ahead or last, to catch typing errors in a year.
MAX_YEARS = 3
# SETTING: the most hours a week an activity can have (a full-time week is 37).
MAX_HOURS = 45


def catalogue_for(on_date: date) -> Catalogue:
    found = [c for c in CATALOGUES if c.valid_from <= on_date]
    return found[-1] if found else CATALOGUES[0]
