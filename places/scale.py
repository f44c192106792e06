"""Places at the size of a district council's wards, with the scale data's
consultations, agenda items, councillors and stories linked to them, the
demo's wards included, so a place's page grows with the rest."""

from django.apps import apps

from core.scale import in_batches

from .models import Area, AreaKind

WARDS = 40
# (model label, share of its scale records linked to one or two wards)
LINKED = {
    "consultations.ConsultationPage": 0.6,
    "committees.AgendaItemPage": 0.3,
    "stories.StoryPage": 0.6,
}


def build(scale, home):
    rng = scale.rng
    Area.objects.bulk_create(
        Area(
            name=f"Scale ward {n + 1}",
            slug=f"scale-ward-{n + 1}",
            kind=AreaKind.WARD,
            code=f"E0599{n + 1:04d}",
        )
        for n in range(WARDS)
    )
    wards = list(Area.objects.filter(kind=AreaKind.WARD).values_list("pk", flat=True))
    for label, share in LINKED.items():
        model = apps.get_model(label)
        through = model.areas.through
        # Below a "scale-" page: the records this run made, not the demo's.
        records = model.objects.filter(url_path__contains="/scale-").values_list(
            "pk", flat=True
        )
        links = (
            through(**{f"{model._meta.model_name}_id": pk, "area_id": ward})
            for pk in records.iterator()
            if rng.random() < share
            for ward in rng.sample(wards, rng.randint(1, 2))
        )
        in_batches(links, through)
    Person = apps.get_model("committees", "Person")
    councillors = list(Person.objects.filter(kind="councillor", ward=None).only("pk"))
    for person in councillors:
        person.ward_id = rng.choice(wards)
    Person.objects.bulk_update(councillors, ["ward"], batch_size=1_000)
