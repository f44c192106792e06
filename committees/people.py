"""People who sit on, attend or serve committees: one record each, reused
across committees and meetings, minutes, resolutions and actions; and a
councillor's register of interests."""

from django.db import IntegrityError, models, transaction
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable

from .enums import InterestCategory, PersonKind

SLUG_ATTEMPTS = 5


class Person(ClusterableModel):
    title = models.CharField(
        "Title or honorific",
        max_length=40,
        blank=True,
        help_text='For example "Cllr", "Dr" or "Professor".',
    )
    name = models.CharField(max_length=150)
    role_title = models.CharField(
        "Job or role title",
        max_length=200,
        blank=True,
        help_text='For example "Executive Director of Communities".',
    )
    organisation = models.CharField(max_length=200, blank=True)
    kind = models.CharField(
        max_length=20, choices=PersonKind.choices, default=PersonKind.COUNCILLOR
    )
    ward = models.ForeignKey(
        "places.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="councillors",
        limit_choices_to={"kind": "ward"},
        help_text="Councillors only: the ward they were elected for.",
    )
    # A councillor's page address (committees.councillors), made from the
    # name when first saved and then kept, so links to it go on working,
    # unless democratic services change it (after a change of name).
    slug = models.SlugField(
        "Page address",
        max_length=170,
        unique=True,
        blank=True,
        help_text="The end of a councillor's page address. Leave blank to make "
        "it from the name; change it if their name changes.",
    )

    interests_updated_on = models.DateField(
        "Register of interests last updated",
        null=True,
        blank=True,
        help_text="Councillors only: the date of their latest register of "
        "interests, published on their page.",
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("name")]),
        FieldPanel("role_title"),
        FieldPanel("organisation"),
        FieldPanel("kind"),
        FieldPanel("ward"),
        FieldPanel("slug"),
        FieldPanel("interests_updated_on"),
        InlinePanel(
            "registered_interests",
            label="Interest",
            heading="Register of interests",
        ),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def clean(self):
        super().clean()
        # Before the form checks it is unique: "Jo-Bloggs" is "jo-bloggs".
        self.slug = self.slug.lower()

    def save(self, *args, **kwargs):
        if self.slug:
            return super().save(*args, **kwargs)
        # A slug made here can be taken between choosing it and saving (two
        # people of one name added at once): choose again rather than fail.
        for _ in range(SLUG_ATTEMPTS):
            others = Person.objects.exclude(pk=self.pk) if self.pk else None
            self.slug = unique_slug(self.name, among=others)
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                taken = Person.objects.filter(slug=self.slug)
                if self.pk:
                    taken = taken.exclude(pk=self.pk)
                if not taken.exists():
                    raise  # some other constraint
        raise IntegrityError(f"No free page address for {self.name!r}")

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name

    @property
    def description(self) -> str:
        """'Executive Director of Communities, Northvale Council'."""
        return ", ".join(part for part in (self.role_title, self.organisation) if part)


def unique_slug(name: str, taken=None, among=None) -> str:
    """`name` as a slug not yet used: "jo-bloggs", "jo-bloggs-2"... `taken`
    (a set of slugs) or else `among` (people; default, everyone) say which
    are used."""
    base = slugify(name)[:160] or "person"
    if taken is None:
        people = Person.objects.all() if among is None else among
        taken = set(people.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


class RegisteredInterest(Orderable):
    """One entry in a councillor's register of interests (Localism Act 2011,
    sections 29 to 32), as the monitoring officer publishes it."""

    person = ParentalKey(
        Person, on_delete=models.CASCADE, related_name="registered_interests"
    )
    category = models.CharField(max_length=30, choices=InterestCategory.choices)
    description = models.TextField(
        help_text='As registered, for example "Director, Northvale Community '
        'Transport Ltd".',
    )
    sensitive = models.BooleanField(
        "Sensitive: details withheld",
        default=False,
        help_text="Only where the monitoring officer agreed that publishing it "
        "could lead to violence or intimidation (section 32): the public "
        "register says an interest is withheld, never what it is.",
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("sensitive"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "registered interest"
