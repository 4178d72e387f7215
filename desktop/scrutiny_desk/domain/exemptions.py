"""Exempt information: the grounds on which an item is heard in private.

In England a principal council excludes the press and public under s.100A(4) of the
Local Government Act 1972 when an item would disclose exempt information as defined
in Part 1 of Schedule 12A (as in force since 2006). These are its seven paragraphs,
for the clerk to choose from when closing an item. An item's exemption stays free
text, because other bodies have their own grounds.

Wales numbers the same grounds differently: Part 4 of the Schedule, paragraphs 12 to
18 (inserted by The Local Authorities (Access to Information) (Variation) (Wales)
Order 2007), with the public-interest test in Part 5. ``paragraphs_for`` gives the list
for the body's country (the review's setting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .enums import Country

ACT = "Local Government Act 1972"
SCHEDULE = "Schedule 12A"


@dataclass(frozen=True)
class ExemptionParagraph:
    number: int
    title: str  # short, for a list to choose from
    text: str  # the paragraph as enacted

    @property
    def part(self) -> int:
        """The Part of Schedule 12A the paragraph is in: 1 in England, 4 in Wales."""
        return 4 if self.number in WALES_PARAGRAPHS else 1

    @property
    def label(self) -> str:
        """``Paragraph 1: Information about an individual``."""
        return f"Paragraph {self.number}: {self.title}"

    @property
    def citation(self) -> str:
        return exemption_text(self.number)


SCHEDULE_12A_ENGLAND: tuple[ExemptionParagraph, ...] = (
    ExemptionParagraph(
        1, "Information about an individual", "Information relating to any individual."
    ),
    ExemptionParagraph(
        2,
        "Identity of an individual",
        "Information which is likely to reveal the identity of an individual.",
    ),
    ExemptionParagraph(
        3,
        "Financial or business affairs",
        "Information relating to the financial or business affairs of any particular "
        "person (including the authority holding that information).",
    ),
    ExemptionParagraph(
        4,
        "Labour relations",
        "Information relating to any consultations or negotiations, or contemplated "
        "consultations or negotiations, in connection with any labour relations matter "
        "arising between the authority or a Minister of the Crown and employees of, or "
        "office holders under, the authority.",
    ),
    ExemptionParagraph(
        5,
        "Legal professional privilege",
        "Information in respect of which a claim to legal professional privilege could "
        "be maintained in legal proceedings.",
    ),
    ExemptionParagraph(
        6,
        "Notices, orders or directions",
        "Information which reveals that the authority proposes (a) to give under any "
        "enactment a notice under or by virtue of which requirements are imposed on a "
        "person; or (b) to make an order or direction under any enactment.",
    ),
    ExemptionParagraph(
        7,
        "Crime",
        "Information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime.",
    ),
)

PUBLIC_INTEREST_TEST = (
    "Information within paragraphs 1 to 7 is exempt only if and so long as, in all the "
    "circumstances of the case, the public interest in maintaining the exemption "
    "outweighs the public interest in disclosing the information (Schedule 12A, Part 2)."
)


#: Part 4 (Wales): the same grounds, paragraphs 12 to 18, in the same order as 1 to 7.
WALES_OFFSET = 11
SCHEDULE_12A_WALES: tuple[ExemptionParagraph, ...] = tuple(
    replace(p, number=p.number + WALES_OFFSET) for p in SCHEDULE_12A_ENGLAND
)

PUBLIC_INTEREST_TEST_WALES = (
    "Information within paragraphs 12 to 18 is exempt only if and so long as, in all the "
    "circumstances of the case, the public interest in maintaining the exemption "
    "outweighs the public interest in disclosing the information (Schedule 12A, Part 5)."
)


def paragraphs_for(country: Country) -> tuple[ExemptionParagraph, ...]:
    """The paragraphs a body in ``country`` chooses from: 1 to 7 of Part 1 in England,
    12 to 18 of Part 4 in Wales."""
    return SCHEDULE_12A_WALES if country is Country.WALES else SCHEDULE_12A_ENGLAND


def public_interest_test(country: Country) -> str:
    """The public-interest test that applies to the country's paragraphs."""
    return PUBLIC_INTEREST_TEST_WALES if country is Country.WALES else PUBLIC_INTEREST_TEST


def paragraph(number: int) -> ExemptionParagraph:
    """Paragraph ``number``: 1 to 7 of Part 1 (England) or 12 to 18 of Part 4 (Wales);
    ValueError for any other number."""
    if number in ENGLAND_PARAGRAPHS:
        return SCHEDULE_12A_ENGLAND[number - 1]
    if number in WALES_PARAGRAPHS:
        return SCHEDULE_12A_WALES[number - 1 - WALES_OFFSET]
    raise ValueError(
        f"Schedule 12A has paragraphs 1 to 7 (Part 1) and 12 to 18 (Part 4), not {number}"
    )


def exemption_text(number: int) -> str:
    """The exemption as papers print it:
    ``Local Government Act 1972, Schedule 12A, paragraph 1``; in Wales
    ``Local Government Act 1972, Schedule 12A, Part 4, paragraph 12``."""
    found = paragraph(number)
    if found.part == 4:
        return f"{ACT}, {SCHEDULE}, Part 4, paragraph {found.number}"
    return f"{ACT}, {SCHEDULE}, paragraph {found.number}"


def standard_paragraph(exemption: str | None) -> int | None:
    """The paragraph whose standard wording (``exemption_text``) this is exactly, so
    that a list can show the clerk's earlier choice; None for anything else, which
    the clerk typed and the list shows as free text."""
    if exemption is None:
        return None
    for p in SCHEDULE_12A_ENGLAND + SCHEDULE_12A_WALES:
        if exemption.strip() == exemption_text(p.number):
            return p.number
    return None


# Reading the paragraphs an exemption names (papers print them in the resolution).

_SCHEDULE = re.compile(r"\bschedule\s+(\d+[a-z]?)", re.IGNORECASE)
_PARAGRAPHS = re.compile(
    r"\b(?:paragraphs?|paras?\.?)\s*(\d+(?:\s*(?:,|and|&|or)\s*\d+)*)", re.IGNORECASE
)
ENGLAND_PARAGRAPHS = range(1, 8)  # Part 1, paragraphs 1 to 7
WALES_PARAGRAPHS = range(12, 19)  # Part 4, paragraphs 12 to 18


def schedule_12a_paragraphs(exemption: str) -> tuple[int, ...]:
    """The Schedule 12A paragraphs an exemption names; () when it names none (another
    schedule, another Act's paragraph, or free text), so callers print the text itself."""
    if any(s.upper() != "12A" for s in _SCHEDULE.findall(exemption)):
        return ()
    numbers = {
        int(n) for group in _PARAGRAPHS.findall(exemption) for n in re.findall(r"\d+", group)
    }
    if not numbers or any(
        n not in ENGLAND_PARAGRAPHS and n not in WALES_PARAGRAPHS for n in numbers
    ):
        return ()
    return tuple(sorted(numbers))
