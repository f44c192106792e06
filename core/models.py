from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Who the council is and how to reach it: shown in every page's header and
    footer, so editors change it here rather than in templates."""

    council_name = models.CharField(max_length=120, default="Engage")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header; the council's name is its text alternative.",
    )
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    data_protection_email = models.EmailField(
        "Data protection email",
        blank=True,
        help_text="Where residents ask for their information or complain about how "
        "it is used: usually the data protection officer's address.",
    )
    data_protection_complaint_url = models.URLField(
        "Data protection complaint form",
        blank=True,
        help_text="The council's online form for complaints about how it uses "
        "personal information (the Data (Use and Access) Act 2025 asks for one, "
        "and for every complaint to be acknowledged within 30 days). Shown at the "
        "foot of the privacy notice.",
    )

    response_privacy_notice = RichTextField(
        "Privacy notice for response forms",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Shown beside every response form's submit button unless a "
        "consultation has its own: who holds the data, the lawful basis, whether "
        "responses are published, and Freedom of Information.",
    )

    select_related = [
        "logo",
        "contact_page",
        "accessibility_page",
        "privacy_page",
        "cookies_page",
    ]

    panels = [
        FieldPanel("council_name"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("privacy_page"),
                FieldPanel("cookies_page"),
                FieldPanel("contact_page"),
            ],
            heading="Footer links",
        ),
        InlinePanel("social_links", heading="Social media links", label="Link"),
        MultiFieldPanel(
            [
                FieldPanel("data_protection_email"),
                FieldPanel("data_protection_complaint_url"),
                FieldPanel("response_privacy_notice"),
            ],
            heading="Data protection",
        ),
    ]

    class Meta:
        verbose_name = "Site settings"


class SocialLink(Orderable):
    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="social_links"
    )
    name = models.CharField(max_length=60, help_text="For example: Facebook")
    url = models.URLField()

    panels = [FieldPanel("name"), FieldPanel("url")]

    def __str__(self):
        return self.name
