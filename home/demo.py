"""Demo home page, site settings and the statutory pages, in our own words."""

from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from core.demo import ensure_child
from core.models import SiteSettings

from .factories import HomePageFactory, StandardPageFactory

COUNCIL = "Northvale Council"


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def prose(html):
    return ("rich_text", RichText(html))


ACCESSIBILITY_STATEMENT = [
    prose(
        f"<p>This statement covers this website, run by {COUNCIL}. We want as many "
        "people as possible to be able to use it. For example, you should be able to:</p>"
        "<ul><li>change colours, contrast levels and fonts using your browser or device "
        "settings</li><li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate most of the website using just a keyboard or speech recognition "
        "software</li><li>listen to most of the website using a screen reader</li></ul>"
        "<p>We have also made the text as simple as we can.</p>"
    ),
    heading("How accessible this website is"),
    prose(
        "<p>We know some parts of this website are not fully accessible:</p><ul>"
        "<li>some older documents attached to consultations and meetings are PDFs that "
        "are not fully accessible to screen reader software</li>"
        "<li>we have not yet completed testing with assistive technologies such as "
        "screen readers and speech recognition software</li></ul>"
    ),
    heading("Feedback and contact information"),
    prose(
        "<p>If you need information on this website in a different format, such as "
        "accessible PDF, large print, easy read, audio recording or braille, email "
        "accessibility@northvale.example or call 01632 960 000. We will consider your "
        "request and get back to you within 5 working days.</p>"
    ),
    heading("Reporting accessibility problems with this website"),
    prose(
        "<p>We are always looking to improve the accessibility of this website. If you "
        "find any problems not listed on this page or think we are not meeting "
        "accessibility requirements, email accessibility@northvale.example.</p>"
    ),
    heading("Enforcement procedure"),
    prose(
        "<p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing "
        "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
        "Accessibility Regulations 2018 (the 'accessibility regulations'). If you are "
        "not happy with how we respond to your complaint, contact the Equality Advisory "
        "and Support Service (EASS).</p>"
    ),
    heading("Technical information about this website's accessibility"),
    prose(
        f"<p>{COUNCIL} is committed to making its website accessible, in accordance with "
        "the Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
        "Accessibility Regulations 2018.</p>"
    ),
    heading("Compliance status", "h3"),
    prose(
        "<p>This website is partially compliant with the Web Content Accessibility "
        "Guidelines version 2.2 AA standard, due to the non-compliances listed below.</p>"
    ),
    heading("Non-accessible content", "h3"),
    prose(
        "<p>The content listed below is non-accessible for the following reasons.</p>"
    ),
    heading("Non-compliance with the accessibility regulations", "h4"),
    prose(
        "<p>Some older PDF documents do not have text alternatives for images and do "
        "not mark up headings and tables. This fails WCAG 2.2 success criteria 1.1.1 "
        "(non-text content) and 1.3.1 (info and relationships). We are replacing them "
        "with HTML pages or accessible PDFs as we review each consultation.</p>"
    ),
    heading(
        "Content that's not within the scope of the accessibility regulations", "h4"
    ),
    prose(
        "<p>PDFs and other documents published before 23 September 2018 that are not "
        "essential to providing our services are out of scope. Live video, such as "
        "webcasts of council meetings, is also exempt.</p>"
    ),
    heading("What we're doing to improve accessibility"),
    prose(
        "<p>Every page type on this website is checked automatically with axe-core and "
        "the W3C Nu HTML checker before each release. We will complete a manual test "
        "with assistive technologies and publish the results here.</p>"
    ),
    heading("Preparation of this accessibility statement"),
    prose(
        "<p>This statement was prepared on 23 November 2026. The date it was last "
        "reviewed is at the foot of this page.</p><p>This website was last tested "
        "on 23 November 2026 "
        "against the WCAG 2.2 AA standard. The test was carried out by the council's "
        "digital team, using automated checks on every page type.</p>"
    ),
]

PRIVACY_NOTICE = [
    prose(
        f"<p>{COUNCIL} is the data controller for personal information you give us "
        "through this website.</p>"
    ),
    heading("What we collect and why"),
    prose(
        "<p>When you respond to a consultation we collect your answers and any contact "
        "details you choose to give. We use them to understand views on the proposal "
        "and to report on what we heard. Our lawful basis is that this is a task "
        "carried out in the public interest (UK GDPR Article 6(1)(e)).</p>"
    ),
    heading("Publishing and Freedom of Information"),
    prose(
        "<p>We publish summaries of responses, never your name or contact details. "
        "Responses from organisations, and from people in public-facing roles, may be "
        "published or disclosed under the Freedom of Information Act 2000.</p>"
    ),
    heading("How long we keep it"),
    prose(
        "<p>We delete or anonymise personal details in responses two years after a "
        "consultation closes, unless the consultation says otherwise. Minutes and "
        "decisions of council meetings are kept permanently as a public record.</p>"
    ),
    heading("Your rights"),
    prose(
        "<p>You can ask for a copy of your information, ask us to correct or delete it, "
        "or object to how we use it, by emailing dataprotection@northvale.example.</p>"
    ),
]

COOKIES = [
    prose(
        "<p>This website uses only the cookies it needs to work. We do not use "
        "analytics or advertising cookies, so we do not ask for your consent.</p>"
    ),
    heading("Essential cookies"),
    prose(
        "<ul><li><strong>csrftoken</strong>: protects the forms you fill in from "
        "misuse; set only on pages with a form; expires after a year</li>"
        "<li><strong>sessionid</strong>: keeps council staff signed in to the editing "
        "tools; not set for residents; expires after 30 minutes without use, and 10 "
        "hours after signing in at the most</li></ul>"
    ),
]

CONTACT = [
    prose(
        "<p>Email haveyoursay@northvale.example or call 01632 960 000, Monday to Friday, "
        "9am to 5pm.</p><p>Write to: Engagement Team, Northvale Council, Civic Centre, "
        "Market Street, Northvale NV1 1AA.</p>"
    ),
]


def _install_as_site_root(home: Page) -> None:
    """Point the default site at our home page, replacing Wagtail's welcome page."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=COUNCIL,
        )
        return
    previous = site.root_page
    site.root_page, site.site_name = home, COUNCIL
    site.save()
    if previous.pk != home.pk and previous.specific_class is Page:
        previous.delete()


def load() -> Page:
    root = Page.get_first_root_node()
    home = root.get_children().type(HomePageFactory._meta.model).first()
    if home is None:
        # Wagtail's welcome page holds the slug "home" until it is replaced.
        home = HomePageFactory(parent=root, slug="home-new")
    home = home.specific
    _install_as_site_root(home)
    if home.slug != "home" and not root.get_children().filter(slug="home").exists():
        home.slug = "home"
        home.save()

    today = timezone.localdate()
    statement = ensure_child(
        home,
        StandardPageFactory,
        "accessibility-statement",
        title="Accessibility statement for Have your say in Northvale",
        summary="How accessible this website is, and how to ask for another format.",
        body=ACCESSIBILITY_STATEMENT,
        show_in_menus=False,
        last_reviewed_on=today,
    )
    privacy = ensure_child(
        home,
        StandardPageFactory,
        "privacy-notice",
        title="Privacy notice",
        summary="How we use the information you give us.",
        body=PRIVACY_NOTICE,
        last_reviewed_on=today,
    )
    cookies = ensure_child(
        home,
        StandardPageFactory,
        "cookies",
        title="Cookies",
        summary="The cookies this website sets.",
        body=COOKIES,
        last_reviewed_on=today,
    )
    contact = ensure_child(
        home,
        StandardPageFactory,
        "contact",
        title="Contact us",
        summary="How to reach the engagement team.",
        body=CONTACT,
    )

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.council_name = COUNCIL
    site_settings.contact_email = "haveyoursay@northvale.example"
    site_settings.contact_phone = "01632 960 000"
    site_settings.contact_address = "Civic Centre\nMarket Street\nNorthvale NV1 1AA"
    site_settings.accessibility_page = statement
    site_settings.privacy_page = privacy
    site_settings.cookies_page = cookies
    site_settings.contact_page = contact
    site_settings.data_protection_email = "dataprotection@northvale.example"
    site_settings.data_protection_complaint_url = (
        "https://www.northvale.example/data-protection-complaint"
    )
    site_settings.response_privacy_notice = (
        f"<p>{COUNCIL} uses your answers to understand views on this proposal, as a "
        "task in the public interest. We publish summaries, never your name or "
        "contact details. Responses from organisations may be published or released "
        "under the Freedom of Information Act. We remove personal details two years "
        "after the consultation closes.</p>"
    )
    site_settings.save()
    return home
