"""Actions agreed at meetings, tracked as records of their own.

An action is not part of the minutes' page revisions: democratic services
update its status and progress in the admin's action tracker without
republishing the minutes it came from."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    PageChooserPanel,
)
from wagtail.models import Orderable

from .enums import ActionStatus
from .people import Person
from .querysets import ActionQuerySet


class Action(ClusterableModel):
    description = models.TextField(
        help_text='What will be done, as minuted, for example "Provide the board '
        'with a progress update".'
    )
    agenda_item = models.ForeignKey(
        "committees.AgendaItemPage",
        null=True,
        blank=True,  # clean() requires it, or takes it from the resolution
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The item the action came from. Filled in for you when you "
        "choose a resolution.",
    )
    resolution = models.ForeignKey(
        "committees.Resolution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        help_text="The resolution the action carries out, if any.",
    )
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The person answerable for the action.",
    )
    due_on = models.DateField("Due date", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    panels = [
        FieldPanel("description"),
        FieldPanel("resolution"),
        PageChooserPanel("agenda_item", "committees.AgendaItemPage"),
        FieldPanel("owner"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("status")]),
        InlinePanel("updates", label="Progress note", heading="Progress"),
    ]

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The tracker's order: its first page is read off this index
            # instead of sorting every outstanding action.
            models.Index(fields=["due_on", "id"], name="committees_action_due_order"),
        ]

    def __str__(self):
        return self.description

    def clean(self):
        super().clean()
        if self.resolution_id:
            if self.agenda_item_id and self.agenda_item_id != self.resolution.page_id:
                raise ValidationError(
                    {
                        "agenda_item": "This is not the item the chosen resolution "
                        "belongs to: clear it, or choose that item."
                    }
                )
            self.agenda_item_id = self.resolution.page_id
        if not self.agenda_item_id:
            raise ValidationError(
                {
                    "agenda_item": "Choose the agenda item, or a resolution, it came from."
                }
            )

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.due_on
            and self.due_on < today
            and self.status in ActionStatus.outstanding()
        )


class ActionUpdate(Orderable):
    """A dated note of progress on an action."""

    action = ParentalKey(Action, on_delete=models.CASCADE, related_name="updates")
    noted_on = models.DateField("Date", default=timezone.localdate)
    note = models.TextField()

    panels = [FieldPanel("noted_on"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "progress note"
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return self.note
