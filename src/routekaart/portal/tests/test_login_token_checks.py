"""The ID token's checks one by one, with tokens the tests sign themselves (the provider never issues these)."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from ..login import DIGID_MIDDEN, REFUSED_EXPIRED, REFUSED_FAILED, DigiDBackend, LoginRefused

ISSUER = "https://broker.example"
CLIENT = "routekaart"


@pytest.fixture
def broker(settings):
    settings.PORTAL_OIDC_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/jwks"
    settings.OIDC_RP_CLIENT_ID = CLIENT
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(key, **changes) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": CLIENT, "iat": now, "exp": now + 600, "bsn": "999990019", "acr": DIGID_MIDDEN}
    claims.update(changes)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm="RS256")


def reason(key, signed: str) -> str:
    with pytest.raises(LoginRefused) as refusal:
        DigiDBackend().get_payload_data(signed, key.public_key())
    return refusal.value.reason


def test_a_well_made_token_gives_its_claims(broker):
    claims = DigiDBackend().get_payload_data(token(broker), broker.public_key())
    assert claims["acr"] == DIGID_MIDDEN


def test_a_token_without_an_end_is_refused_as_ended(broker):
    assert reason(broker, token(broker, exp=None)) == REFUSED_EXPIRED


def test_a_token_past_its_end_is_refused_as_ended(broker):
    assert reason(broker, token(broker, exp=int(time.time()) - 120)) == REFUSED_EXPIRED


def test_a_token_for_another_client_or_from_another_issuer_is_refused(broker):
    assert reason(broker, token(broker, aud="someone-else")) == REFUSED_FAILED
    assert reason(broker, token(broker, iss="https://elsewhere.example")) == REFUSED_FAILED


def test_a_token_signed_by_another_key_or_with_a_shared_secret_is_refused(broker):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert reason(broker, token(other)) == REFUSED_FAILED
    hs = jwt.encode({"iss": ISSUER, "aud": CLIENT, "exp": int(time.time()) + 60}, "secret" * 6, algorithm="HS256")
    assert reason(broker, hs) == REFUSED_FAILED


def test_a_staff_login_never_reaches_the_broker(rf, settings):
    settings.PORTAL_OIDC_ISSUER = ""  # not configured at all: a staff login still works
    request = rf.post("/accounts/login/?code=x&state=y")
    assert DigiDBackend().authenticate(request, username="medewerker", password="geheim") is None
