"""People who sit on, attend or serve committees: one record each, reused
across committees and meetings (and, later, minutes, resolutions and actions)."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from .enums import PersonKind


class Person(models.Model):
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
    # A councillor's page address (committees.councillors), made from the
    # name when first saved and kept, so links to it go on working.
    slug = models.SlugField(max_length=170, unique=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("name")]),
        FieldPanel("role_title"),
        FieldPanel("organisation"),
        FieldPanel("kind"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name

    @property
    def description(self) -> str:
        """'Executive Director of Communities, Northvale Council'."""
        return ", ".join(part for part in (self.role_title, self.organisation) if part)


def unique_slug(name: str, taken=None) -> str:
    """`name` as a slug not yet used by anyone: "jo-bloggs", "jo-bloggs-2"..."""
    base = slugify(name)[:160] or "person"
    if taken is None:
        taken = set(
            Person.objects.filter(slug__startswith=base).values_list("slug", flat=True)
        )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
