"""StreamField blocks shared by every page type: narrative content only.

Each block renders through its own template under templates/blocks/, which
wraps one GOV.UK Frontend component.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from .outline import TOP_LEVEL, Heading, headings_in_html, outline_problem
from .querysets import viewable_document

# No h1 (the page title is the only one) and no h5/h6 (three levels are
# plenty for a council page, and GOV.UK styles stop at "s").
RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, help_text="Leave blank to use the document's own title."
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # A document from a collection only some may view is not linked for
        # the public (nor its title shown), as attachments are not.
        document = value.get("document")
        context["shown"] = document is not None and viewable_document(document)
        return context

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"


class InsetTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=INLINE_RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pick"
        template = "blocks/inset_text_block.html"


class WarningTextBlock(blocks.CharBlock):
    class Meta:
        icon = "warning"
        template = "blocks/warning_text_block.html"


class AccordionSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    summary = blocks.CharBlock(required=False, max_length=250)
    content = blocks.RichTextBlock(features=INLINE_RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(AccordionSectionBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"


def _headings_of(child) -> list[Heading]:
    if child.block_type == "heading":
        return [Heading(int(child.value["level"][1]), child.value["text"].strip())]
    if child.block_type == "rich_text":
        return headings_in_html(child.value.source)
    if child.block_type == "accordion":
        # Accordion section titles render as h2s: the outline restarts there.
        return [
            Heading(TOP_LEVEL, section["heading"])
            for section in child.value["sections"]
        ]
    return []


class BodyBlock(blocks.StreamBlock):
    """The body of any page: narrative content with a valid heading outline."""

    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="blocks/rich_text_block.html"
    )
    image = FigureBlock()
    document = DocumentLinkBlock()
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    accordion = AccordionBlock()

    def clean(self, value):
        cleaned = super().clean(value)
        block_errors = {}
        previous = TOP_LEVEL - 1
        for index, child in enumerate(cleaned):
            for heading in _headings_of(child):
                problem = outline_problem(previous, heading)
                if problem:
                    block_errors.setdefault(index, ValidationError(problem))
                previous = heading.level
        if block_errors:
            raise StreamBlockValidationError(block_errors=block_errors)
        return cleaned
