"""Permission matrix of „Was aus Ihren Ideen wurde“ (/kommunen/<slug>/ergebnisse/).

The page, the follow form and the links of the mails are public once the Kommune has a
published Werkstattplan or participation project (here: a project – publishing the plan would
change the plans matrix); featuring survey answers is for everyone who works in the Kommune.
"""

from tests.zwk.permissions import Case, everyone, tenant

R = {"acc_confirm": "token", "acc_link": "token", "acc_featured": "pk"}

MATRIX = {
    "accountability:public": Case("get", everyone(200), ("slug",)),
    "accountability:follow": Case("get", everyone(200), ("slug",)),
    "accountability:confirm": Case("get", everyone(200), ("slug", "acc_confirm"), rename=R),
    "accountability:unsubscribe": Case("get", everyone(200), ("slug", "acc_link"), rename=R),
    "accountability:team": Case("get", tenant(200), ("slug",)),
    "accountability:featured_remove": Case("get", tenant(200), ("slug", "acc_featured"), rename=R),
}


def build(world):
    from django.utils import timezone

    from tests.zwk.accountability.factories import make_chain
    from zwk.accountability import tokens
    from zwk.accountability.models import FeaturedAnswer, Follower

    municipality, coordinator = world["municipality"], world["users"]["coordinator"]
    suffix = world.get("suffix", "")
    from zwk.participation.models import Project

    chain = make_chain(municipality, coordinator, publish=False, suffix=f"m{suffix}")
    Project.objects.create(
        municipality=municipality, title="Ergebnisse", slug=f"ergebnisse{suffix}", published=True
    )
    featured = FeaturedAnswer.objects.create(
        municipality=municipality,
        text="Mehr Bänke am Markt",
        source="Umfrage „Bürgerbefragung“",
        answered_on=timezone.localdate(),
        measure=chain.measure,
    )
    follower = Follower.objects.create(
        municipality=municipality,
        email=f"folgt{suffix}@example.org",
        kind=Follower.Kind.CARD,
        object_id=chain.card.pk,
        confirm_nonce=tokens.new_key(),
        link_key=tokens.new_key(),
    )
    return {
        "acc_confirm": tokens.confirm_token(follower),
        "acc_link": tokens.link_token(follower),
        "acc_featured": featured.pk,
    }
