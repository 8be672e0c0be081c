"""DigiD through the municipality's OIDC broker: the portal is the relying party (mozilla-django-oidc).

Everything the portal believes about the resident comes from the ID token whose signature, audience, issuer and end
(exp) were verified: the BSN and the DigiD level (claims named in the settings). The userinfo endpoint is not asked.
A login is refused, with a reason the page can say in plain Dutch, when the level is below PORTAL_MIN_ASSURANCE,
when the token has ended or has no end, or when there is no valid BSN. A BSN Routekaart does not know, or a resident
who lives in no household today, is not an error: the portal says it does not know them yet, and makes no account.
The BSN is never logged, stored in the session or put in a URL: it is used once, to find the resident.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from ..core.identifiers import bsn_is_valid
from ..residents import selectors as residents_selectors
from ..residents.account_services import resident_account_link

# DigiD's levels (betrouwbaarheidsniveaus) as the broker names them: SAML authentication context classes, lowest first.
DIGID_BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
DIGID_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
DIGID_SUBSTANTIEEL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard"
DIGID_HOOG = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI"
DIGID_LEVELS = (DIGID_BASIS, DIGID_MIDDEN, DIGID_SUBSTANTIEEL, DIGID_HOOG)

# Why a login was refused (the refused page's ?reden=): no personal data, a fixed set the page explains.
REFUSED_ASSURANCE = "niveau"
REFUSED_EXPIRED = "verlopen"
REFUSED_BSN = "bsn"
REFUSED_FAILED = "mislukt"
REFUSAL_REASONS = (REFUSED_ASSURANCE, REFUSED_EXPIRED, REFUSED_BSN, REFUSED_FAILED)


class LoginRefused(Exception):
    """DigiD answered, but not well enough to let this person in; `reason` is one of REFUSAL_REASONS."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ResidentUnknown(Exception):
    """DigiD vouched for someone Routekaart does not know (no resident with the BSN, or no household today)."""


class ProviderUnavailable(Exception):
    """The broker cannot be reached or answers with an error of its own: the resident may try again later."""


def assurance_sufficient(level: object, minimum: str | None = None) -> bool:
    """Is this DigiD level at least the minimum? An unknown level is never enough."""
    minimum = minimum or settings.PORTAL_MIN_ASSURANCE
    if level not in DIGID_LEVELS or minimum not in DIGID_LEVELS:
        return False
    return DIGID_LEVELS.index(level) >= DIGID_LEVELS.index(minimum)


# --- The broker's endpoints --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


_discovered: dict[str, dict] = {}
_discovery_lock = threading.Lock()


def provider() -> Provider:
    """The broker's endpoints: each explicit OIDC_OP_* setting, else discovery from PORTAL_OIDC_ISSUER (read once per
    process and issuer; a failed read is not kept, so the next login tries again)."""
    explicit = {
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
    }
    issuer = settings.PORTAL_OIDC_ISSUER.rstrip("/")
    if all(explicit.values()):
        return Provider(issuer=issuer, **explicit)
    if not issuer:
        raise ProviderUnavailable("no PORTAL_OIDC_ISSUER and not every OIDC_OP_* endpoint")
    document = _discovery(issuer)
    return Provider(
        issuer=str(document.get("issuer") or issuer).rstrip("/"),
        **{name: value or str(document.get(name) or "") for name, value in explicit.items()},
    )


def _discovery(issuer: str) -> dict:
    with _discovery_lock:
        if issuer in _discovered:
            return _discovered[issuer]
    try:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable("discovery failed") from error
    if not isinstance(document, dict) or not document.get("authorization_endpoint"):
        raise ProviderUnavailable("discovery document without endpoints")
    with _discovery_lock:
        _discovered[issuer] = document
    return document


def _bsn_of(claims: dict) -> str | None:
    """The BSN claim as nine digits when it passes the 11-check, else None (a number loses no leading zero)."""
    value = claims.get(settings.PORTAL_OIDC_BSN_CLAIM)
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:09d}"
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if bsn_is_valid(value) else None


# --- The backend -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigiDLogin:
    """What the callback hands to the portal session: whom DigiD vouched for, how strongly, until when."""

    resident_id: int
    assurance: str
    expires_at: float


class DigiDBackend(OIDCAuthenticationBackend):
    """The portal's authentication backend: answers only the portal's OIDC callback, never a staff login.

    On success it leaves `request.digid_login` (a DigiDLogin) for the callback view; a refusal raises LoginRefused,
    an unknown person ResidentUnknown, a broker that does not answer ProviderUnavailable.
    """

    def __init__(self, *args, **kwargs) -> None:
        # No settings read and no network here: Django builds every backend for every staff login too.
        self.UserModel = get_user_model()
        self.OIDC_RP_IDP_SIGN_KEY = None

    # mozilla-django-oidc reads these attributes; they follow the settings (and discovery) at the time of use.
    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:
        return settings.OIDC_RP_SIGN_ALGO

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return provider().token_endpoint

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return provider().jwks_uri

    def authenticate(self, request, **credentials):
        """Only the OIDC callback's call (it passes the nonce it kept in the session); a username never."""
        if request is None or "nonce" not in credentials or "username" in credentials:
            return None
        try:
            return super().authenticate(request, **credentials)
        except requests.HTTPError as error:
            status = getattr(error.response, "status_code", 500)
            if status >= 500:
                raise ProviderUnavailable("the broker answered with an error") from error
            raise LoginRefused(REFUSED_FAILED) from error  # e.g. a code used twice
        except requests.RequestException as error:
            raise ProviderUnavailable("the broker did not answer") from error
        except SuspiciousOperation as error:  # a nonce, state or key that does not match
            raise LoginRefused(REFUSED_FAILED) from error

    def retrieve_matching_jwk(self, token):
        """The broker's signing key for this token: the one its `kid` names, or the only one (a token without kid)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise LoginRefused(REFUSED_FAILED) from error
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [k for k in response.json().get("keys", []) if k.get("alg", header.get("alg")) == header.get("alg")]
        if len(keys) != 1:
            raise SuspiciousOperation("no single signing key for a token without kid")
        return jwt.PyJWK(keys[0])

    def get_payload_data(self, token, key):
        """The ID token's claims, only once its signature, audience, issuer and end were verified."""
        algorithm = self.OIDC_RP_SIGN_ALGO
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise LoginRefused(REFUSED_FAILED) from error
        if header.get("alg") != algorithm:
            raise LoginRefused(REFUSED_FAILED)
        issuer = provider().issuer
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer or None,
                options={"require": ["exp", "iat", "aud"], "verify_iss": bool(issuer)},
                leeway=30,  # seconds of clock difference with the broker
            )
        except jwt.ExpiredSignatureError as error:
            raise LoginRefused(REFUSED_EXPIRED) from error
        except jwt.MissingRequiredClaimError as error:
            raise LoginRefused(REFUSED_EXPIRED if error.claim == "exp" else REFUSED_FAILED) from error
        except jwt.InvalidTokenError as error:
            raise LoginRefused(REFUSED_FAILED) from error

    def get_userinfo(self, access_token, id_token, payload):
        """The verified ID token's claims (the userinfo endpoint's answer is not signed by the broker)."""
        return payload

    def verify_claims(self, claims) -> bool:
        if not assurance_sufficient(claims.get(settings.PORTAL_OIDC_ASSURANCE_CLAIM)):
            raise LoginRefused(REFUSED_ASSURANCE)
        if _bsn_of(claims) is None:
            raise LoginRefused(REFUSED_BSN)
        return True

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        self.verify_claims(claims)
        resident = residents_selectors.resident_by_bsn(_bsn_of(claims))
        if resident is None or residents_selectors.household_id_of(resident_id=resident.pk) is None:
            raise ResidentUnknown
        user = resident_account_link(resident)
        self.request.digid_login = DigiDLogin(
            resident_id=resident.pk,
            assurance=claims[settings.PORTAL_OIDC_ASSURANCE_CLAIM],
            expires_at=float(claims["exp"]),
        )
        return user

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)

    # A portal account holds no permission: these answers cost no query, whoever asks.
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return False

    def has_module_perms(self, user_obj, app_label) -> bool:
        return False

    def get_all_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_user_permissions(self, user_obj, obj=None) -> set:
        return set()

    def get_group_permissions(self, user_obj, obj=None) -> set:
        return set()
