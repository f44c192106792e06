"""What a consultation's responses add up to: counts by channel, and for each
choice question how many respondents chose each option.

`tally` is pure (questions and answers in, figures out) so the arithmetic is
tested without a database; `results_for` feeds it from one streamed query so
memory stays flat however many responses a consultation draws."""

from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from wagtail.contrib.forms.forms import FormBuilder

from .enums import ResponseChannel
from .submissions import ConsultationResponse

SINGLE_CHOICE_TYPES = ("radio", "dropdown")
MULTIPLE_CHOICE_TYPES = ("checkboxes", "multiselect")
# Not a question anyone answers: editors use hidden fields for tracking values.
IGNORED_TYPES = ("hidden",)

TICKED, NOT_TICKED = "Ticked", "Not ticked"

# How the public outcome says where responses came from: "3 by post".
CHANNEL_PHRASES = {
    ResponseChannel.ONLINE: "online",
    ResponseChannel.EMAIL: "by email",
    ResponseChannel.POST: "by post",
    ResponseChannel.EVENT: "at events or meetings",
    ResponseChannel.PHONE: "by phone",
}

# Rows fetched per round trip while streaming answers.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class OptionCount:
    label: str
    count: int
    of: int  # respondents who answered the question
    retired: bool = False  # chosen by someone, but no longer on the form

    @property
    def share(self) -> float:
        """0 to 1: the bar's length."""
        return self.count / self.of if self.of else 0.0

    @property
    def percent(self) -> int:
        if not self.of:
            return 0
        # Half up, as people round by hand: 1 of 8 is 13%, not Python's 12%.
        exact = Decimal(self.count * 100) / self.of
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class QuestionResult:
    label: str
    clean_name: str
    answered: int
    options: tuple[OptionCount, ...] = ()
    is_choice: bool = False
    multiple: bool = False  # one respondent may count under several options

    @property
    def summary(self) -> str:
        """The chart in one sentence, for screen readers."""
        figures = "; ".join(
            f"{option.label}: {option.count} ({option.percent}%)"
            for option in self.options
        )
        return f"{self.label}. {self.answered} answered. {figures}."


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    label: str
    count: int

    @property
    def phrase(self) -> str:
        return CHANNEL_PHRASES.get(self.channel, self.label.lower())


@dataclass(frozen=True)
class ChannelCounts:
    total: int
    channels: tuple[ChannelCount, ...]  # every channel, in ResponseChannel order

    @property
    def received(self) -> tuple[ChannelCount, ...]:
        """Only the channels that brought at least one response."""
        return tuple(channel for channel in self.channels if channel.count)


@dataclass(frozen=True)
class Results:
    counts: ChannelCounts
    questions: list[QuestionResult]

    @property
    def choice_questions(self) -> list[QuestionResult]:
        return [question for question in self.questions if question.is_choice]

    @property
    def text_questions(self) -> list[QuestionResult]:
        return [question for question in self.questions if not question.is_choice]


def options_of(question) -> list[str]:
    """The options as the response form offers them (Wagtail's own parsing)."""
    if question.field_type == "checkbox":
        return [TICKED, NOT_TICKED]
    return [value for value, _ in FormBuilder([]).get_formatted_field_choices(question)]


def _chosen(question, value) -> list[str]:
    """The options one answer counts under; empty when left unanswered."""
    if question.field_type == "checkbox":
        return [TICKED if value else NOT_TICKED] if value is not None else []
    if question.field_type in MULTIPLE_CHOICE_TYPES:
        values = value if isinstance(value, list) else [value]
        # dict.fromkeys: a value repeated in one answer still counts once.
        return [str(v) for v in dict.fromkeys(values) if v not in (None, "")]
    return [str(value)] if value not in (None, "", []) else []


def _is_choice(question) -> bool:
    return question.field_type in (
        *SINGLE_CHOICE_TYPES,
        *MULTIPLE_CHOICE_TYPES,
        "checkbox",
    )


def tally(questions, rows) -> list[QuestionResult]:
    """Count answers. `questions` are QuestionField-like objects (label,
    clean_name, field_type, choices); `rows` is an iterable of form_data dicts,
    read once, so it may be a streaming cursor."""
    questions = [q for q in questions if q.field_type not in IGNORED_TYPES]
    answered = Counter()
    chosen = {q.clean_name: Counter() for q in questions if _is_choice(q)}
    for form_data in rows:
        form_data = form_data or {}
        for question in questions:
            value = form_data.get(question.clean_name)
            if question.clean_name in chosen:
                options = _chosen(question, value)
                chosen[question.clean_name].update(options)
                answered[question.clean_name] += bool(options)
            elif value not in (None, "", []):
                answered[question.clean_name] += 1
    return [
        _result(
            question, answered[question.clean_name], chosen.get(question.clean_name)
        )
        for question in questions
    ]


def _result(question, answered, counts) -> QuestionResult:
    if counts is None:
        return QuestionResult(question.label, question.clean_name, answered)
    offered = options_of(question)
    # Answers to options editors have since removed are still real answers:
    # show them after the current ones rather than drop them.
    retired = [label for label in counts if label not in offered]
    options = tuple(
        OptionCount(
            label=label,
            count=counts[label],
            of=answered,
            retired=label in retired,
        )
        for label in [*offered, *retired]
    )
    return QuestionResult(
        question.label,
        question.clean_name,
        answered,
        options,
        is_choice=True,
        multiple=question.field_type in MULTIPLE_CHOICE_TYPES,
    )


def channel_counts(page) -> ChannelCounts:
    """Total and per-channel counts in one grouped query."""
    grouped = dict(
        ConsultationResponse.objects.filter(page=page)
        .order_by()
        .values_list("channel")
        .annotate(Count("id"))
    )
    channels = tuple(
        ChannelCount(channel.value, channel.label, grouped.get(channel.value, 0))
        for channel in ResponseChannel
    )
    return ChannelCounts(total=sum(grouped.values()), channels=channels)


def results_for(page) -> Results:
    rows = (
        ConsultationResponse.objects.filter(page=page)
        .order_by()
        .values_list("form_data", flat=True)
        .iterator(chunk_size=CHUNK_SIZE)
    )
    return Results(
        counts=channel_counts(page),
        questions=tally(page.form_fields.all(), rows),
    )
