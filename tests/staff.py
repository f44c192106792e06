"""Staff users in the groups the site's migrations create."""

from django.contrib.auth.models import Group


def staff(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, password="not-a-real-password")
    user.groups.add(Group.objects.get(name=group))
    return user
