"""The equality monitoring answers of a consultation, added up: what the
response form promises they are for ("only used to produce statistics").

Only totals leave the database, and small ones are withheld (statistical
disclosure control, as the ONS and councils' equality reports do): with a
handful of respondents in a group, anyone who knows who responded could tell
who answered what. A count from 1 to SMALLEST_SHOWN - 1 is withheld; where
the total would give the withheld counts away (one alone, a few adding up to
less than SMALLEST_SHOWN, or all of them 1s), the next smallest are withheld
with them. And
no figures while the consultation is open: comparing them before and after a
response arrives would show that response's answers. Below
FEWEST_PARTICIPANTS there is no breakdown at all.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .enums import ConsultationStatus
from .equality import QUESTIONS, model_field
from .submissions import ConsultationResponse, EqualityAnswers

SMALLEST_SHOWN = 5
FEWEST_PARTICIPANTS = 10
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    of: int
    withheld: bool = False

    @property
    def percent(self) -> int:
        """Of the people who answered any monitoring question, half up."""
        exact = Decimal(self.count * 100) / self.of
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Breakdown:
    question: str
    figures: tuple[Figure, ...]

    @property
    def any_withheld(self) -> bool:
        return any(figure.withheld for figure in self.figures)


@dataclass(frozen=True)
class EqualityReport:
    responses: int
    participants: int  # responses with an answer to at least one question
    breakdowns: tuple[Breakdown, ...]
    taking_responses: bool = False

    @property
    def too_few(self) -> bool:
        return self.participants < FEWEST_PARTICIPANTS


def withheld_rows(counts: list[int]) -> set[int]:
    """Which of a question's counts to withhold (see the module)."""
    withheld = {row for row, count in enumerate(counts) if 0 < count < SMALLEST_SHOWN}

    def worked_out() -> bool:
        # The withheld counts add up to the total less those shown, and
        # each is at least 1 (a 0 is shown): one count alone, counts adding
        # up to less than SMALLEST_SHOWN (1, 17 and 1 of 19: both 1s), or
        # as many people as counts (five withheld adding up to 5: all 1s)
        # give their values away.
        total = sum(counts[row] for row in withheld)
        return (
            len(withheld) == 1
            or 0 < total < SMALLEST_SHOWN
            or 0 < total <= len(withheld)
        )

    # The smallest counts go first, the fewest people's figures.
    smallest_first = sorted(
        (row for row, count in enumerate(counts) if count), key=counts.__getitem__
    )
    for row in smallest_first:
        if not worked_out():
            break
        withheld.add(row)
    return withheld


def breakdown(question: str, choices, counted: dict, participants: int) -> Breakdown:
    """`counted`: how many participants gave each stored value ("" for none)."""
    rows = [(label, counted.get(value, 0)) for value, label in choices]
    rows.append((NOT_ANSWERED, counted.get("", 0)))
    withheld = withheld_rows([count for _, count in rows])
    return Breakdown(
        question,
        tuple(
            Figure(label, count, participants, withheld=row in withheld)
            for row, (label, count) in enumerate(rows)
        ),
    )


def equality_report(page) -> EqualityReport:
    """One grouped query per question, and two counts."""
    answers = EqualityAnswers.objects.filter(response__page=page).order_by()
    participants = answers.count()
    taking_responses = page.status in (
        ConsultationStatus.FORTHCOMING,
        ConsultationStatus.OPEN,
    )
    breakdowns = []
    if participants >= FEWEST_PARTICIPANTS and not taking_responses:
        for form_field, (question, choices) in QUESTIONS.items():
            field = model_field(form_field)
            counted = dict(answers.values_list(field).annotate(Count("pk")))
            breakdowns.append(
                breakdown(question, choices.choices, counted, participants)
            )
    return EqualityReport(
        responses=ConsultationResponse.objects.filter(page=page).count(),
        participants=participants,
        breakdowns=tuple(breakdowns),
        taking_responses=taking_responses,
    )
