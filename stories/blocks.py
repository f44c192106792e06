"""The body of a success story: the shared narrative blocks plus what a story
needs to show an outcome (quotes, figures, outcomes, a call to action, video).

Each block renders through its own template under templates/blocks/.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import INLINE_RICH_TEXT_FEATURES, BodyBlock


class PullQuoteBlock(blocks.StructBlock):
    # The person is a snippet, not free text, so that consent to publish their
    # words is recorded once, kept up to date, and checked wherever they appear.
    person = SnippetChooserBlock(
        "stories.QuotedPerson",
        help_text="Their name, role and organisation appear under the quote. Only "
        "people whose consent to publish is recorded and current are shown.",
    )
    quote = blocks.TextBlock(max_length=600, help_text="Without quotation marks.")

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        person = cleaned.get("person")
        if person and not person.consent_is_current():
            raise StructBlockValidationError(
                block_errors={
                    "person": ValidationError(
                        f"{person.name} has no current consent to publish their "
                        "words. Record consent on their entry under Snippets, "
                        "or remove this quote."
                    )
                }
            )
        return cleaned

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # Checked again at render time: consent can expire after publishing,
        # and then the quote must disappear without anyone editing the page.
        person = value.get("person")
        context["show_quote"] = bool(person and person.consent_is_current())
        return context


class OutcomeFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(decimal_places=2, max_digits=14)
    unit = blocks.CharBlock(
        required=False, max_length=40, help_text="For example: families, %, weeks."
    )
    label = blocks.CharBlock(
        max_length=160, help_text="What the number counts, in a short phrase."
    )
    baseline = blocks.DecimalBlock(
        required=False,
        decimal_places=2,
        max_digits=14,
        help_text="Where it started, if known.",
    )
    target = blocks.DecimalBlock(
        required=False, decimal_places=2, max_digits=14, help_text="What was aimed for."
    )
    measured_on = blocks.DateBlock("Date of the figure")
    source = blocks.CharBlock(
        max_length=160,
        help_text="Who counted it, for example: Greenway Court volunteers.",
    )


class OutcomeFiguresBlock(blocks.StructBlock):
    figures = blocks.ListBlock(OutcomeFigureBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "order"
        label = "Outcome figures"
        template = "blocks/outcome_figures_block.html"


class OutcomeBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=600)


class OutcomesListBlock(blocks.StructBlock):
    outcomes = blocks.ListBlock(OutcomeBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        label = "List of outcomes"
        template = "blocks/outcomes_list_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=INLINE_RICH_TEXT_FEATURES, help_text="What a reader can do next."
    )
    link_url = blocks.URLBlock(required=False, label="Link address")
    link_text = blocks.CharBlock(required=False, max_length=80)
    email = blocks.EmailBlock(
        required=False,
        help_text="Never written into the page: readers follow a link to see it, "
        "so that spam harvesters cannot read it.",
    )
    email_label = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text="Who they will be writing to, for example: the community team.",
    )

    class Meta:
        icon = "mail"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        errors = {}
        if bool(cleaned.get("link_url")) != bool(cleaned.get("link_text")):
            field = "link_text" if cleaned.get("link_url") else "link_url"
            errors[field] = ValidationError("Give both the link address and its text.")
        if cleaned.get("email") and not cleaned.get("email_label"):
            errors["email_label"] = ValidationError("Say who the email goes to.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return cleaned


class VideoValue(blocks.StructValue):
    def site(self) -> str:
        """Where the link goes, as a reader would name it: "youtube.com"."""
        host = urlsplit(self.get("url") or "").hostname or ""
        return host.removeprefix("www.")


class VideoBlock(blocks.StructBlock):
    # A link, not an embedded player: the site loads nothing from other sites
    # (no third-party cookies or scripts), and a page never depends on an
    # oEmbed provider answering in time.
    url = blocks.URLBlock(
        label="Video address", help_text="For example, a YouTube page."
    )
    title = blocks.CharBlock(max_length=120)
    duration = blocks.CharBlock(
        required=False, max_length=20, help_text="For example: 3 minutes."
    )
    transcript_url = blocks.URLBlock(
        required=False, label="Transcript address", help_text="If there is one."
    )

    class Meta:
        icon = "media"
        label = "Video"
        value_class = VideoValue
        template = "blocks/video_block.html"


class StoryBodyBlock(BodyBlock):
    """Everything a page body has, plus the blocks that show an outcome.

    None of the new blocks renders a heading, so the heading-outline rule of
    BodyBlock holds unchanged."""

    pull_quote = PullQuoteBlock()
    outcome_figures = OutcomeFiguresBlock()
    outcomes_list = OutcomesListBlock()
    call_to_action = CallToActionBlock()
    video = VideoBlock()
