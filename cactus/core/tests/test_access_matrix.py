"""The access matrix: every URL pattern × nine roles × every dossier state × GET and POST.

The patterns come from the URL resolver, so a new view cannot escape: an undeclared pattern fails
`test_every_url_pattern_declares_its_expected_outcomes`. To declare one, add an entry to ACCESS
below: which URL to request (its kwargs), then, per method, the outcome for each role, either
fixed or depending on the dossier's state.

Outcomes: 200, 302 (a redirect that is not the login page), LOGIN (redirect to the login page),
403, 404, 405, 410, ADMIN_LOGIN (redirect into the Django admin's own login). A 404 or 403 page
must not show the dossier's alternant name. POSTs carry an empty body (no CSRF in the test client):
that checks the permission gate, not the form. Every request runs in a savepoint that is rolled
back, so the dossiers stay in their state for the next combination.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cactus.api import services as api_services
from cactus.api.models import ApiToken, WebhookEndpoint
from cactus.core.tests import figures
from cactus.core.tests.world import (
    ADMIN,
    ADVISOR,
    ALTERNANT,
    ANONYMOUS,
    CONTACT,
    MANAGER,
    OTHER_ALTERNANT,
    OTHER_CONTACT,
    OTHER_MANAGER,
    ROLES,
    STATES,
    Status,
    World,
    build_world,
)
from cactus.dossiers import permissions, tabs
from cactus.dossiers.permissions import GENERATED_KINDS

# The marker makes pytest-django create the test database; the world itself is module-scoped.
pytestmark = pytest.mark.django_db

LOGIN = "redirect to login"
ADMIN_LOGIN = "redirect into the admin"
ANY_LOGIN = "redirect to Cactus's or the admin's login"

Outcome = int | str
Expectation = Outcome | Callable[[str], Outcome]  # fixed, or a function of the dossier's state


DOCUMENT_STATES = {
    Status.VALIDATED,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
    Status.SENT_TO_OPCO,
    Status.RUPTURED,  # a broken contract keeps its documents
}


def while_draft(outcome: Outcome, frozen: Outcome = 403) -> Callable[[str], Outcome]:
    """Writable while the dossier is in entry ("Saisie en cours"); refused once frozen."""
    return lambda state: outcome if state == Status.DRAFT else frozen


def everyone(outcome: Outcome, *, anonymous: Outcome = LOGIN) -> dict[str, Expectation]:
    return {role: outcome for role in ROLES if role != ANONYMOUS} | {ANONYMOUS: anonymous}


def dossier_parties(
    *,
    contact: Expectation,
    alternant: Expectation,
    manager: Expectation,
    advisor: Expectation,
    admin: Expectation,
    non_party: Outcome = 404,
) -> dict[str, Expectation]:
    """A dossier page: its parties get what is written here, everyone else a 404 (they learn nothing)."""
    return {
        CONTACT: contact,
        OTHER_CONTACT: non_party,
        ALTERNANT: alternant,
        OTHER_ALTERNANT: non_party,
        MANAGER: manager,
        OTHER_MANAGER: non_party,
        ADVISOR: advisor,
        ADMIN: admin,
        ANONYMOUS: LOGIN,
    }


# The keyword of `dossier_parties` for each permission role.
PARTY_PERMISSIONS = {
    "contact": permissions.EMPLOYER_CONTACT,
    "alternant": permissions.ALTERNANT,
    "manager": permissions.FORMATION_MANAGER,
    "advisor": permissions.CFA_ADVISOR,
    "admin": permissions.CFA_ADMIN,
}


def _reads(tab_key: str, permission: str) -> bool:
    """Whether a role reads a tab (permissions.TAB_READERS: Vie étudiante is health data)."""
    return permission in permissions.TAB_READERS.get(tab_key, {permission})


def in_states(states, outcome: Outcome, otherwise: Outcome = 403) -> Callable[[str], Outcome]:
    return lambda state: outcome if state in states else otherwise


def all_parties(outcome: Expectation) -> dict[str, Expectation]:
    return dossier_parties(
        contact=outcome, alternant=outcome, manager=outcome, advisor=outcome, admin=outcome
    )


NON_PARTIES_405 = {OTHER_CONTACT: 405, OTHER_ALTERNANT: 405, OTHER_MANAGER: 405}
BACK_OFFICE_USERS = {MANAGER: 200, OTHER_MANAGER: 200, ADVISOR: 200, ADMIN: 200}
# Back-office actions (POST, empty body), for the responsable, the conseillère and the administrator.
# The world's dossiers past "Validé" have their economic elements validated and a French employer
# (circuit OPCO), so "validate_economic" and "close" are never open to anyone here.
REOPENABLE = {
    Status.VALIDATION_REQUESTED,
    Status.VALIDATED,
    Status.DOCUMENTS_RETURNED,
    Status.DOCUMENTS_VALIDATED,
}
# After the signature: a rupture once the contract is signed, a cancellation from any state but the
# ends, the next contract once this one is broken, sent or closed.
SIGNED = {Status.DOCUMENTS_RETURNED, Status.DOCUMENTS_VALIDATED, Status.SENT_TO_OPCO, Status.CLOSED}
CANCELLABLE = set(Status) - {Status.RUPTURED, Status.CANCELLED}
ENDED_OR_SENT = {Status.RUPTURED, Status.SENT_TO_OPCO, Status.CLOSED}
STAFF_ACTION_EXPECTATIONS = {
    "validate": dict.fromkeys(("manager", "admin"), in_states({Status.VALIDATION_REQUESTED}, 302))
    | {"advisor": 403},
    "refuse": dict.fromkeys(("manager", "admin"), in_states({Status.VALIDATION_REQUESTED}, 200))
    | {"advisor": 403},
    "validate_economic": {"manager": 403, "advisor": 403, "admin": 403},
    "validate_documents": {"manager": 403}
    | dict.fromkeys(("advisor", "admin"), in_states({Status.DOCUMENTS_RETURNED}, 200)),
    "reject_documents": {"manager": 403}
    | dict.fromkeys(("advisor", "admin"), in_states({Status.DOCUMENTS_RETURNED}, 200)),
    "close": {"manager": 403, "advisor": 403, "admin": 403},
    "reopen": {"manager": 403} | dict.fromkeys(("advisor", "admin"), in_states(REOPENABLE, 200)),
    "action-inconnue": {"manager": 404, "advisor": 404, "admin": 404},
}


@dataclass(frozen=True)
class Case:
    kwargs: Callable[[World, object], dict]
    get: dict[str, Expectation]
    post: dict[str, Expectation]
    per_state: bool = False  # True when the URL points at the dossier of the state under test
    label: str = ""


def opco_connection():
    from cactus.opco.models import OpcoConnection

    connection, _ = OpcoConnection.objects.get_or_create(opco="ATLAS")
    connection.set_webhook_secret("secret-de-la-matrice")
    connection.save()
    return connection


def no_kwargs(world, dossier) -> dict:
    return {}


def dossier_pk(world, dossier) -> dict:
    return {"pk": dossier.pk}


def chart(key: str) -> Callable[[World, object], dict]:
    return lambda world, dossier: {"key": key}


def tab(key: str) -> Callable[[World, object], dict]:
    return lambda world, dossier: {"pk": dossier.pk, "tab": key}


def api_token(world, dossier) -> dict:
    token = ApiToken.objects.first() or api_services.create_token(name="ERP", by=None)[0]
    return {"pk": token.pk}


def webhook_endpoint(world, dossier) -> dict:
    endpoint = WebhookEndpoint.objects.first() or api_services.create_webhook_endpoint(
        name="ERP", url="http://127.0.0.1:9/", by=None
    )
    return {"pk": endpoint.pk}


# One table per URL name. Dossier tabs have one case per tab key (a new tab must be declared too).
ACCESS: dict[str, list[Case]] = {
    "core:home": [Case(no_kwargs, get=everyone(302), post=everyone(405, anonymous=405))],
    "core:legal": [Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(405, anonymous=405))],
    # The load balancers' health check: public, GET only, says "ok" and nothing else.
    "core:health": [Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(405, anonymous=405))],
    "accounts:login": [
        # A logged-in person is sent on to their dossiers; the empty POST re-shows the form.
        Case(no_kwargs, get=everyone(302, anonymous=200), post=everyone(302, anonymous=200))
    ],
    # Logging out is a POST (Django 5); it lands on the login page.
    "accounts:logout": [Case(no_kwargs, get=everyone(405), post=everyone(LOGIN))],
    "accounts:invitation": [
        Case(
            lambda world, dossier: {"token": "jeton-inconnu"},
            get=everyone(410, anonymous=410),
            post=everyone(410, anonymous=410),
        )
    ],
    "accounts:rgpd": [Case(no_kwargs, get=everyone(200), post=everyone(200))],
    "accounts:password_reset": [
        Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(200, anonymous=200))
    ],
    "accounts:password_reset_done": [
        Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(405, anonymous=405))
    ],
    "accounts:password_reset_confirm": [
        Case(
            lambda world, dossier: {"uidb64": "MQ", "token": "jeton-inconnu"},
            get=everyone(200, anonymous=200),
            post=everyone(200, anonymous=200),
        )
    ],
    # Two-factor set-up and code, for CFA staff only; staff without a device are sent to the set-up.
    "twofactor:setup": [
        Case(
            no_kwargs,
            get=everyone(403) | {ADVISOR: 200, ADMIN: 200},
            post=everyone(403) | {ADVISOR: 200, ADMIN: 200},
        )
    ],
    "twofactor:verify": [
        Case(
            no_kwargs,
            get=everyone(403) | {ADVISOR: 302, ADMIN: 302},
            post=everyone(403) | {ADVISOR: 302, ADMIN: 302},
        )
    ],
    # "Équipe du CFA": CFA administrators reset a colleague's second factor (lost phone). The empty
    # POST re-shows the confirmation page with "Motif de la réinitialisation" missing.
    "twofactor:team": [Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(405))],
    "twofactor:reset": [
        Case(
            lambda world, dossier: {"pk": world.users[ADVISOR].pk},
            get=everyone(403) | {ADMIN: 200},
            post=everyone(403) | {ADMIN: 200},
        )
    ],
    "dossiers:list": [Case(no_kwargs, get=everyone(200), post=everyone(405))],
    "dossiers:register": [
        Case(
            no_kwargs,
            # Responsables (of any formation) and CFA staff register alternants; the others may not.
            get=everyone(403) | {MANAGER: 200, OTHER_MANAGER: 200, ADVISOR: 200, ADMIN: 200},
            post=everyone(403) | {MANAGER: 200, OTHER_MANAGER: 200, ADVISOR: 200, ADMIN: 200},
        )
    ],
    "dossiers:detail": [
        Case(
            dossier_pk,
            get=all_parties(302),
            post=all_parties(405) | {OTHER_CONTACT: 405, OTHER_ALTERNANT: 405, OTHER_MANAGER: 405},
            per_state=True,
        )
    ],
    "dossiers:employer_contact": [
        Case(
            dossier_pk,
            get=all_parties(405) | {OTHER_CONTACT: 405, OTHER_ALTERNANT: 405, OTHER_MANAGER: 405},
            # The formation, the alternant or CFA staff enter the contact's e-mail, until the freeze.
            post=dossier_parties(
                contact=403,
                alternant=while_draft(302),
                manager=while_draft(302),
                advisor=while_draft(302),
                admin=while_draft(302),
            ),
            per_state=True,
        )
    ],
    "dossiers:tab": [
        Case(
            tab(tabs.BASE.key),
            label=tabs.BASE.key,
            get=all_parties(200),
            # permissions.TAB_EDITORS["base"]; the empty POST re-shows the form with its errors.
            post=dossier_parties(
                contact=while_draft(200),
                alternant=403,
                manager=while_draft(200),
                advisor=while_draft(200),
                admin=while_draft(200),
            ),
            per_state=True,
        ),
        *[
            Case(
                tab(key),
                label=key,
                get=all_parties(200),  # every party reads these tabs; the non-editors read-only
                post=dossier_parties(
                    **{
                        role: while_draft(200) if permission in permissions.TAB_EDITORS[key] else 403
                        for role, permission in PARTY_PERMISSIONS.items()
                    }
                ),
                per_state=True,
            )
            for key in ("employer", "alternant", "contract")
        ],
        # Vie étudiante holds health data (RGPD art. 9): permissions.TAB_READERS, the alternant and the
        # CFA's staff; the contact and the responsable get a stranger's 404, even on POST.
        Case(
            tab(tabs.STUDENT_LIFE.key),
            label=tabs.STUDENT_LIFE.key,
            get=dossier_parties(contact=404, alternant=200, manager=404, advisor=200, admin=200),
            post=dossier_parties(
                contact=404, alternant=while_draft(200), manager=404, advisor=403, admin=while_draft(200)
            ),
            per_state=True,
        ),
        Case(
            tab("mission"),
            label="mission",
            get=all_parties(200),
            # The world's formation makes La mission optional: an empty page is a valid one (302).
            post=dossier_parties(
                contact=while_draft(302), alternant=403, manager=403, advisor=403, admin=while_draft(302)
            ),
            per_state=True,
        ),
        Case(
            tab(tabs.FOLLOW_UP.key),
            label=tabs.FOLLOW_UP.key,
            get=all_parties(200),
            post=all_parties(200),
            per_state=True,
        ),
        Case(
            tab("onglet-inconnu"),
            label="unknown",
            get=all_parties(404),
            post=all_parties(404),
            per_state=True,
        ),
    ],
    # Brouillons (the tab pages' debounced fetch): a tab's editors while in entry, POST only; the
    # health data of Vie étudiante is a 404 to those who may not read it, as the tab is.
    "dossiers:tab_draft": [
        Case(
            tab(key),
            label=key,
            get=all_parties(405) | NON_PARTIES_405,
            post=dossier_parties(
                **{
                    role: while_draft(200)
                    if permission in permissions.TAB_EDITORS[key]
                    else (403 if _reads(key, permission) else 404)
                    for role, permission in PARTY_PERMISSIONS.items()
                }
            ),
            per_state=True,
        )
        for key in ("base", "employer", "alternant", "student_life", "contract", "mission")
    ],
    # Public reference data (no dossier): any logged-in person; an empty code is a 400 in JSON.
    "referentials:idcc": [Case(no_kwargs, get=everyone(400), post=everyone(405))],
    # An OPCO's notifications (webhook): public, POST only, refused without a valid HMAC signature,
    # whoever is signed in (cactus/opco/tests/test_follow_up.py checks the signed ones).
    "opco:notification": [
        Case(
            lambda world, dossier: {"pk": opco_connection().pk},
            get=everyone(405, anonymous=405),
            post=everyone(401, anonymous=401),
        )
    ],
    # L'employeur's company search (JSON): the tab's editors until the freeze; without ?siret= a 400.
    "dossiers:company": [
        Case(
            dossier_pk,
            get=dossier_parties(
                **{
                    role: while_draft(400) if permission in permissions.TAB_EDITORS["employer"] else 403
                    for role, permission in PARTY_PERMISSIONS.items()
                }
            ),
            post=everyone(405),
            per_state=True,
        )
    ],
    # --- Life-cycle, Suivi - Info (permissions.LIFECYCLE_ACTIONS). The empty POST of a form action
    # re-shows the page with its errors (200); an action without a form runs (302).
    "dossiers:request_validation": [
        Case(
            dossier_pk,
            # "Faire la demande": the contact or a CFA admin, in entry; later they are told it is done.
            get=dossier_parties(
                contact=while_draft(200, 302),
                alternant=403,
                manager=403,
                advisor=403,
                admin=while_draft(200, 302),
            ),
            post=dossier_parties(contact=302, alternant=403, manager=403, advisor=403, admin=302),
            per_state=True,
        )
    ],
    "dossiers:return_documents": [
        Case(
            dossier_pk,
            get=all_parties(405) | NON_PARTIES_405,
            post=dossier_parties(
                contact=in_states({Status.VALIDATED}, 200),
                alternant=403,
                manager=403,
                advisor=in_states({Status.VALIDATED}, 200),
                admin=in_states({Status.VALIDATED}, 200),
            ),
            per_state=True,
        )
    ],
    # "Relancer le dépôt" (OPCO): CFA staff only; with no failed deposit they are sent back with a message.
    "opco:retry": [
        Case(
            dossier_pk,
            get=all_parties(405) | NON_PARTIES_405,
            post=dossier_parties(contact=403, alternant=403, manager=403, advisor=302, admin=302),
            per_state=True,
        )
    ],
    "dossiers:mark_sent": [
        Case(
            dossier_pk,
            get=all_parties(405) | NON_PARTIES_405,
            post=dossier_parties(
                contact=in_states({Status.DOCUMENTS_VALIDATED}, 200),
                alternant=403,
                manager=403,
                advisor=in_states({Status.DOCUMENTS_VALIDATED}, 200),
                admin=in_states({Status.DOCUMENTS_VALIDATED}, 200),
            ),
            per_state=True,
        )
    ],
    "dossiers:uploaded_document": [
        Case(
            lambda world, dossier: {"pk": dossier.pk, "document_id": world.scans[dossier.status].pk},
            label="its own scan",
            # Signed scans: the employer side and the CFA side (permissions.UPLOADED_KIND_READERS).
            get=dossier_parties(contact=200, alternant=404, manager=200, advisor=200, admin=200),
            post=all_parties(405) | NON_PARTIES_405,
            per_state=True,
        ),
        Case(
            lambda world, dossier: {"pk": dossier.pk, "document_id": world.scans["other"].pk},
            label="another dossier's scan through this dossier",
            get=all_parties(404),
            post=all_parties(405) | NON_PARTIES_405,
            per_state=True,
        ),
    ],
    # --- Back office: CFA staff and responsables de formation.
    "dossiers:back_office": [Case(no_kwargs, get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405))],
    "dossiers:back_office_csv": [Case(no_kwargs, get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405))],
    # --- The dashboard (workspace): the same people; a responsable's figures cover their formations.
    "workspace:dashboard": [Case(no_kwargs, get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405))],
    "workspace:chart_svg": [
        Case(chart("etats"), get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405)),
        Case(
            chart("inconnu"),
            label="unknown chart",
            get=everyone(403) | dict.fromkeys(BACK_OFFICE_USERS, 404),
            post=everyone(405),
        ),
    ],
    "workspace:chart_csv": [
        Case(chart("opco"), get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405)),
        Case(
            chart("inconnu"),
            label="unknown chart",
            get=everyone(403) | dict.fromkeys(BACK_OFFICE_USERS, 404),
            post=everyone(405),
        ),
    ],
    "dossiers:staff_dossier": [
        Case(
            dossier_pk,
            get=dossier_parties(contact=404, alternant=404, manager=200, advisor=200, admin=200),
            post=all_parties(405) | NON_PARTIES_405,
            per_state=True,
        )
    ],
    "dossiers:staff_action": [
        Case(
            lambda world, dossier, action=action: {"pk": dossier.pk, "action": action},
            label=action,
            get=all_parties(405) | NON_PARTIES_405,
            post=dossier_parties(contact=404, alternant=404, **expected),
            per_state=True,
        )
        for action, expected in STAFF_ACTION_EXPECTATIONS.items()
    ],
    # Generated documents: from the formation's validation on, until the CFA closes the dossier
    # (permissions.available_documents); every party may read them.
    "documents:generated": [
        Case(
            lambda world, dossier, kind=kind: {"pk": dossier.pk, "kind": kind},
            label=kind,
            # The world's formation has no calendar or programme: they are never offered (403).
            get=all_parties(
                lambda state, kind=kind: (
                    200 if kind in ("cerfa", "convention") and state in DOCUMENT_STATES else 403
                )
            ),
            post=all_parties(405) | {OTHER_CONTACT: 405, OTHER_ALTERNANT: 405, OTHER_MANAGER: 405},
            per_state=True,
        )
        for kind in GENERATED_KINDS
    ],
    # --- After the signature (cactus/contracts; permissions.LIFECYCLE_ACTIONS). The empty POST
    # re-shows the form with its errors (200).
    "contracts:rupture": [
        Case(
            dossier_pk,
            get=dossier_parties(
                contact=in_states(SIGNED, 200),
                alternant=403,
                manager=403,
                advisor=in_states(SIGNED, 200),
                admin=in_states(SIGNED, 200),
            ),
            post=dossier_parties(
                contact=in_states(SIGNED, 200),
                alternant=403,
                manager=403,
                advisor=in_states(SIGNED, 200),
                admin=in_states(SIGNED, 200),
            ),
            per_state=True,
        )
    ],
    "contracts:cancel": [
        Case(
            dossier_pk,
            get=dossier_parties(
                contact=403,
                alternant=403,
                manager=403,
                advisor=in_states(CANCELLABLE, 200),
                admin=in_states(CANCELLABLE, 200),
            ),
            post=dossier_parties(
                contact=403,
                alternant=403,
                manager=403,
                advisor=in_states(CANCELLABLE, 200),
                admin=in_states(CANCELLABLE, 200),
            ),
            per_state=True,
        )
    ],
    "contracts:amendment": [
        Case(
            dossier_pk,
            get=dossier_parties(
                contact=in_states({Status.SENT_TO_OPCO}, 200),
                alternant=403,
                manager=403,
                advisor=in_states({Status.SENT_TO_OPCO}, 200),
                admin=in_states({Status.SENT_TO_OPCO}, 200),
            ),
            post=dossier_parties(
                contact=in_states({Status.SENT_TO_OPCO}, 200),
                alternant=403,
                manager=403,
                advisor=in_states({Status.SENT_TO_OPCO}, 200),
                admin=in_states({Status.SENT_TO_OPCO}, 200),
            ),
            per_state=True,
        )
    ],
    "contracts:next_contract": [
        Case(
            dossier_pk,
            get=dossier_parties(
                contact=403,
                alternant=403,
                manager=in_states(ENDED_OR_SENT, 200),
                advisor=in_states(ENDED_OR_SENT, 200),
                admin=in_states(ENDED_OR_SENT, 200),
            ),
            post=dossier_parties(
                contact=403,
                alternant=403,
                manager=in_states(ENDED_OR_SENT, 200),
                advisor=in_states(ENDED_OR_SENT, 200),
                admin=in_states(ENDED_OR_SENT, 200),
            ),
            per_state=True,
        )
    ],
    "contracts:versions": [
        Case(dossier_pk, get=all_parties(200), post=all_parties(405) | NON_PARTIES_405, per_state=True)
    ],
    "contracts:without_employer": [
        Case(no_kwargs, get=everyone(403) | BACK_OFFICE_USERS, post=everyone(405))
    ],
    "documents:convention_template": [
        Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(403) | {ADMIN: 200})
    ],
    "documents:official_forms": [
        Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(403) | {ADMIN: 200})
    ],
    # Online signature (cactus/signatures): the page and its PDFs are reached by a personal link, not a
    # login; an unknown link is "gone" for everyone (test_sign_views checks real links).
    "signatures:sign": [
        Case(
            lambda world, dossier: {"token": "jeton-inconnu"},
            get=everyone(410, anonymous=410),
            post=everyone(410, anonymous=410),
        )
    ],
    "signatures:document": [
        Case(
            lambda world, dossier: {"token": "jeton-inconnu", "kind": "cerfa"},
            get=everyone(410, anonymous=410),
            post=everyone(405, anonymous=405),
        )
    ],
    "signatures:page_image": [
        Case(
            lambda world, dossier: {"token": "jeton-inconnu", "kind": "cerfa", "number": 1},
            get=everyone(410, anonymous=410),
            post=everyone(405, anonymous=405),
        )
    ],
    # The contact alternance or CFA staff choose paper / online (an empty POST: a message, back to Suivi).
    "signatures:choose_mode": [
        Case(
            dossier_pk,
            get=everyone(405),
            post=dossier_parties(contact=302, alternant=403, manager=403, advisor=302, admin=302),
            per_state=True,
        )
    ],
    # CFA staff send a new link to the signer whose turn it is (none here: a message, back to Suivi).
    "signatures:resend_link": [
        Case(
            dossier_pk,
            get=everyone(405),
            post=dossier_parties(contact=403, alternant=403, manager=403, advisor=302, admin=302),
            per_state=True,
        )
    ],
    "signatures:formation_default": [
        Case(
            lambda world, dossier: {"pk": world.formation.pk},
            get=everyone(403) | {ADMIN: 200},
            post=everyone(403) | {ADMIN: 200},
        )
    ],
    "formations:list": [Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(405))],
    # "Accès API": the CFA administrator's tokens and webhooks.
    "api:list": [Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(405))],
    "api:token_create": [
        Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(403) | {ADMIN: 200})
    ],
    "api:token_revoke": [Case(api_token, get=everyone(405), post=everyone(403) | {ADMIN: 302})],
    "api:webhook_create": [
        Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(403) | {ADMIN: 200})
    ],
    "api:webhook_detail": [
        Case(
            webhook_endpoint,
            get=everyone(403) | {ADMIN: 200},
            post=everyone(403) | {ADMIN: 302},
        )
    ],
    # The API itself: a token, never a session, opens it (cactus/api/tests cover the tokens); its
    # OpenAPI document and the page showing it are public.
    "api_v1:formations": [
        Case(no_kwargs, get=everyone(401, anonymous=401), post=everyone(405, anonymous=405))
    ],
    "api_v1:formation": [
        Case(
            lambda world, dossier: {"formation_id": world.formation.pk},
            get=everyone(401, anonymous=401),
            post=everyone(405, anonymous=405),
        )
    ],
    "api_v1:dossiers": [Case(no_kwargs, get=everyone(401, anonymous=401), post=everyone(405, anonymous=405))],
    "api_v1:dossier": [
        Case(
            lambda world, dossier: {"dossier_id": dossier.pk},
            get=everyone(401, anonymous=401),
            post=everyone(405, anonymous=405),
            per_state=True,
        )
    ],
    "api_v1:openapi-json": [
        Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(405, anonymous=405))
    ],
    "api_v1:openapi-view": [
        Case(no_kwargs, get=everyone(200, anonymous=200), post=everyone(405, anonymous=405))
    ],
    "api_v1:api-root": [Case(no_kwargs, get=everyone(404, anonymous=404), post=everyone(404, anonymous=404))],
    "formations:create": [
        Case(no_kwargs, get=everyone(403) | {ADMIN: 200}, post=everyone(403) | {ADMIN: 200})
    ],
    "formations:edit": [
        Case(
            lambda world, dossier: {"pk": world.formation.pk},
            get=everyone(403) | {ADMIN: 200},
            post=everyone(403) | {ADMIN: 200},
        )
    ],
}

# The Django admin is for superusers only (none of the nine roles is one): every page but its login
# form sends the logged-in roles back to the admin's login, and anonymous people to Cactus's login
# (LoginRequiredMiddleware) or, for the admin's site-wide pages, to the admin's login. New ModelAdmins
# fall under this rule automatically.
ADMIN_PAGE = everyone(ADMIN_LOGIN, anonymous=ANY_LOGIN)
ADMIN_LOGIN_PAGE = everyone(200, anonymous=200)
ADMIN_PATH_VALUES = {
    "object_id": "1",
    "pk": "1",
    "content_type_id": "1",
    "id": "1",
    "app_label": "dossiers",
    "url": "inconnu",
}


def iter_patterns(patterns, prefix: str = "", namespace: str = ""):
    """(qualified name, route) of every URL pattern, recursing into includes."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace or "") if part)
            yield from iter_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield name, prefix + str(pattern.pattern)


ALL_PATTERNS = list(iter_patterns(get_resolver().url_patterns))
APP_PATTERNS = sorted({name for name, route in ALL_PATTERNS if not route.startswith("admin/")})
ADMIN_ROUTES = sorted({route for name, route in ALL_PATTERNS if route.startswith("admin/")})


def admin_path(route: str) -> str:
    """A concrete path for an admin route, filling converters and regex groups with harmless values."""
    path = re.sub(r"\^?\(\?P<(\w+)>[^)]*\)", lambda match: ADMIN_PATH_VALUES[match.group(1)], route)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda match: ADMIN_PATH_VALUES[match.group(1)], path)
    return "/" + path.replace("^", "").replace("$", "")


def test_every_url_pattern_declares_its_expected_outcomes():
    unnamed = [route for name, route in ALL_PATTERNS if not name and not route.startswith("admin/")]
    assert not unnamed, f"Give these URL patterns a name, then declare them in ACCESS: {unnamed}"
    undeclared = [name for name in APP_PATTERNS if name not in ACCESS]
    assert not undeclared, (
        "These URL patterns have no expected outcomes in the access matrix. Add an entry per name to "
        f"ACCESS in cactus/core/tests/test_access_matrix.py (who gets 200/302/403/404 in which state): {undeclared}"
    )
    stale = [name for name in ACCESS if name not in APP_PATTERNS]
    assert not stale, f"ACCESS declares URL names that no longer exist: {stale}"


def test_every_dossier_tab_declares_its_expected_outcomes():
    declared = {case.label for case in ACCESS["dossiers:tab"]}
    missing = [tab.key for tab in tabs.ALL_TABS if tab.key not in declared]
    assert not missing, f"Declare these tabs in ACCESS['dossiers:tab'] (one Case per tab key): {missing}"


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _test_settings(settings, media_root):
    # Replaces the root conftest's: the world's files live in one media directory for the module.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True  # as in the root conftest: no listing of STATIC_ROOT per client
    settings.MEDIA_ROOT = media_root
    settings.CACTUS_BASE_URL = "http://testserver"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, media_root):
    # The root conftest's fast hasher: the world's users would otherwise be hashed with Argon2.
    fast_hasher = override_settings(
        MEDIA_ROOT=media_root, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast_hasher, django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def request(world: World, role: str, method: str, path: str):
    """One request in a savepoint rolled back afterwards: the world is the same for the next one."""
    client = world.client_for(role)
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path, {})
        transaction.set_rollback(True)
    return response


def outcome_matches(response, expected: Outcome) -> bool:
    location = response.headers.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(reverse("accounts:login"))
    if expected == ADMIN_LOGIN:
        return response.status_code == 302 and location.startswith("/admin/")
    if expected == ANY_LOGIN:
        logins = (reverse("accounts:login"), reverse("admin:login"))
        return response.status_code == 302 and location.startswith(logins)
    if expected == 302:
        return response.status_code == 302 and not location.startswith(reverse("accounts:login"))
    return response.status_code == expected


def check(world, role, method, path, expected, secret: str = "") -> str | None:
    try:
        response = request(world, role, method, path)
    except Exception as error:  # an HTTP 500: the test client re-raises the view's exception
        return f"{method} {path} as {role}: expected {expected}, got a server error ({error!r})"
    figures.record("access matrix: combinations checked", 1)
    if not outcome_matches(response, expected):
        location = response.headers.get("Location", "")
        return (
            f"{method} {path} as {role}: expected {expected}, got {response.status_code} {location}".rstrip()
        )
    if secret and response.status_code in (403, 404) and secret in response.content.decode():
        return f"{method} {path} as {role}: the {response.status_code} page shows the alternant's name"
    # Back button and shared CFA computers: no page or document may stay in the browser's cache.
    if response.status_code == 200 and "no-store" not in response.headers.get("Cache-Control", ""):
        return f"{method} {path} as {role}: 200 without Cache-Control: no-store"
    return None


CASES = [(name, case) for name, cases in ACCESS.items() for case in cases]


@pytest.mark.parametrize(
    ("name", "case"), CASES, ids=[f"{name}[{case.label}]" if case.label else name for name, case in CASES]
)
def test_access_matrix(world, name, case):
    failures = []
    states = STATES if case.per_state else [Status.DRAFT]
    for state in states:
        dossier = world.dossiers[state]
        path = reverse(name, kwargs=case.kwargs(world, dossier))
        secret = dossier.alternant_last_name if case.per_state else ""
        for method, table in (("GET", case.get), ("POST", case.post)):
            assert set(table) == set(ROLES), f"{name}: declare every role for {method}"
            for role in ROLES:
                expected = table[role]
                if callable(expected):
                    expected = expected(state)
                failure = check(world, role, method, path, expected, secret)
                if failure:
                    failures.append(f"[{state}] {failure}")
    assert not failures, f"{len(failures)} unexpected outcomes:\n" + "\n".join(failures)


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_access_matrix_of_the_django_admin(world, route):
    path = admin_path(route)
    failures = []
    for method in ("GET", "POST"):
        for role in ROLES:
            expected = (ADMIN_LOGIN_PAGE if path == reverse("admin:login") else ADMIN_PAGE)[role]
            failure = check(world, role, method, path, expected)
            if failure:
                failures.append(failure)
    assert not failures, "\n".join(failures)


def test_the_other_dossier_is_visible_to_its_own_parties_only(world):
    # The "other" roles are real parties elsewhere: their 404s above are not a broken account.
    path = reverse("dossiers:tab", kwargs={"pk": world.other_dossier.pk, "tab": tabs.BASE.key})
    for role in (OTHER_CONTACT, OTHER_ALTERNANT, OTHER_MANAGER, ADVISOR, ADMIN):
        assert check(world, role, "GET", path, 200) is None
    for role in (CONTACT, ALTERNANT, MANAGER):
        assert check(world, role, "GET", path, 404, secret="Autre") is None
