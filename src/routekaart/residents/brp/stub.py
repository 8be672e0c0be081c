"""A local BRP that speaks Haal Centraal BRP Personen bevragen v2 for a few invented persons (stub_persons.json).

For the demo (`make demo` runs it beside runserver) and the tests (a fixture starts it on a free port in a thread);
Routekaart's client talks to it over real HTTP exactly as to the BRP. It answers POST …/personen with the query
types Routekaart uses (RaadpleegMetBurgerservicenummer, ZoekMetAdresseerbaarObjectIdentificatie,
ZoekMetPostcodeEnHuisnummer), filters the answer by `fields`, and refuses bad input with the standard's
problem+json (400 with invalidParams, 401 without the key, 404, 405, 415; 503 while `outage` is set).

Only the standard library: `python -m routekaart.residents.brp.stub --port 8001` needs no Django settings.
It logs nothing of a request (the body holds BSNs).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("stub_persons.json")
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
GENDERS = {"M": "man", "V": "vrouw", "O": "onbekend"}
PERSON_FIELDS = {
    "aNummer", "burgerservicenummer", "datumEersteInschrijvingGBA", "geslacht", "uitsluitingKiesrecht",
    "europeesKiesrecht", "leeftijd", "naam", "nationaliteiten", "geboorte", "overlijden", "verblijfplaats",
    "immigratie", "gemeenteVanInschrijving", "datumInschrijvingInGemeente", "adressering",
    "indicatieCurateleRegister", "gezag", "verblijfstitel", "kinderen", "ouders", "partners",
}  # fmt: skip
LIMITED_FIELDS = {"burgerservicenummer", "geboorte", "geslacht", "leeftijd", "naam", "adressering"}
QUERY_FIELDS = {
    "RaadpleegMetBurgerservicenummer": PERSON_FIELDS,
    "ZoekMetAdresseerbaarObjectIdentificatie": LIMITED_FIELDS | {"gezag"},
    "ZoekMetPostcodeEnHuisnummer": LIMITED_FIELDS,
}
BSN = re.compile(r"^[0-9]{9}$")
OBJECT_ID = re.compile(r"^(?!0{16})[0-9]{16}$")
POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
FIELD = re.compile(r"^[a-zA-Z0-9._]{1,200}$")
RFC = "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html"


def _datum(value: str | None) -> dict | None:
    if not value:
        return None
    day = date.fromisoformat(value)
    return {"type": "Datum", "datum": value, "langFormaat": f"{day.day} {MONTHS[day.month - 1]} {day.year}"}


class Register:
    """The stub's persons and addresses (a deep copy per server, so a test may change one without the others)."""

    def __init__(self, data: dict | None = None) -> None:
        data = copy.deepcopy(data if data is not None else json.loads(DATA_FILE.read_text(encoding="utf-8")))
        self.addresses: dict[str, dict] = data["addresses"]
        self.persons: dict[str, dict] = data["persons"]

    def _naam(self, bsn: str) -> dict:
        p = self.persons[bsn]
        parts = [p["voornamen"], p.get("voorvoegsel", ""), p["geslachtsnaam"]]
        naam = {
            "voornamen": p["voornamen"],
            "geslachtsnaam": p["geslachtsnaam"],
            "voorletters": " ".join(f"{n[0]}." for n in p["voornamen"].split()),
            "volledigeNaam": " ".join(x for x in parts if x),
        }
        if p.get("voorvoegsel"):
            naam["voorvoegsel"] = p["voorvoegsel"]
        return naam

    def _relative(self, bsn: str) -> dict:
        return {
            "burgerservicenummer": bsn,
            "naam": self._naam(bsn),
            "geboorte": {"datum": _datum(self.persons[bsn]["geboortedatum"])},
        }

    def _verblijfplaats(self, key: str | None) -> dict:
        if key is None:
            return {"type": "VerblijfplaatsOnbekend"}
        a = self.addresses[key]
        adres = {
            "officieleStraatnaam": a["straat"],
            "korteStraatnaam": a["straat"],
            "huisnummer": a["huisnummer"],
            "postcode": a["postcode"],
            "woonplaats": a["woonplaats"],
        }
        for name in ("huisletter", "huisnummertoevoeging"):
            if a.get(name):
                adres[name] = a[name]
        return {
            "type": "Adres",
            "verblijfadres": adres,
            "adresseerbaarObjectIdentificatie": a["object"],
            "nummeraanduidingIdentificatie": a["nummeraanduiding"],
            "functieAdres": {"code": "W", "omschrijving": "woonadres"},
            "datumVan": _datum(a["datumVan"]),
        }

    def persoon(self, bsn: str) -> dict:
        """The whole `Persoon` of this BSN, before the fields filter."""
        p = self.persons[bsn]
        born = date.fromisoformat(p["geboortedatum"])
        today = date.today()
        answer = {
            "burgerservicenummer": bsn,
            "geslacht": {"code": p["geslacht"], "omschrijving": GENDERS[p["geslacht"]]},
            "naam": self._naam(bsn),
            "geboorte": {"datum": _datum(p["geboortedatum"]), "land": {"code": "6030", "omschrijving": "Nederland"}},
            "leeftijd": today.year - born.year - ((today.month, today.day) < (born.month, born.day)),
            "verblijfplaats": self._verblijfplaats(p.get("adres")),
            "partners": [
                {**self._relative(b), "soortVerbintenis": {"code": "H", "omschrijving": "huwelijk"}}
                for b in p.get("partners", [])
            ],
            "ouders": [{**self._relative(b), "ouderAanduiding": str(i)} for i, b in enumerate(p.get("ouders", []), 1)],
            "kinderen": [self._relative(b) for b, other in self.persons.items() if bsn in other.get("ouders", [])],
        }
        if p.get("overlijdensdatum"):
            answer["overlijden"] = {"datum": _datum(p["overlijdensdatum"])}
        return {name: value for name, value in answer.items() if value not in (None, [])}

    def living_at(self, key: str) -> list[str]:
        return [bsn for bsn, p in self.persons.items() if p.get("adres") == key and not p.get("overlijdensdatum")]


def _pick(value: Any, paths: list[list[str]]) -> Any:
    """Keep only the requested paths ("naam.voornamen", "partners.naam"), through lists, as the API's fields do."""
    if isinstance(value, list):
        return [_pick(item, paths) for item in value]
    if not isinstance(value, dict) or any(not path for path in paths):
        return value
    kept = {}
    for name in {path[0] for path in paths}:
        if name in value:
            kept[name] = _pick(value[name], [path[1:] for path in paths if path[0] == name])
    if "type" in value and kept:
        kept.setdefault("type", value["type"])  # polymorphic objects keep their discriminator
    return kept


class Problem(Exception):
    def __init__(self, status: int, title: str, code: str, invalid: list[dict] | None = None) -> None:
        super().__init__(title)
        self.status, self.title, self.code, self.invalid = status, title, code, invalid or []


def _invalid(name: str, code: str, reason: str) -> dict:
    return {
        "type": f"https://www.vng.nl/realisatie/api/validaties/{code}",
        "name": name,
        "code": code,
        "reason": reason,
    }


def answer_query(register: Register, query: Any) -> dict:
    """The `PersonenQueryResponse` to one `PersonenQuery`, or a 400 `Problem` listing every invalid parameter."""
    if not isinstance(query, dict):
        raise Problem(400, "Ten minste een parameter moet worden opgegeven.", "paramsRequired")
    kind = query.get("type")
    invalid = []
    if kind not in QUERY_FIELDS:
        invalid.append(_invalid("type", "value", "Waarde is geen geldige zoek type."))
    fields = query.get("fields")
    if not isinstance(fields, list) or not 1 <= len(fields) <= 130:
        invalid.append(_invalid("fields", "required", "Parameter is verplicht."))
    elif kind in QUERY_FIELDS:
        for i, field in enumerate(fields):
            if not isinstance(field, str) or not FIELD.match(field) or field.split(".")[0] not in QUERY_FIELDS[kind]:
                invalid.append(_invalid(f"fields[{i}]", "field", "Parameter bevat een niet bestaande veldnaam."))
    bsns: list[str] = []
    if kind == "RaadpleegMetBurgerservicenummer":
        bsns = query.get("burgerservicenummer")
        if not isinstance(bsns, list) or not 1 <= len(bsns) <= 20:
            invalid.append(_invalid("burgerservicenummer", "required", "Parameter is verplicht."))
            bsns = []
        for i, bsn in enumerate(bsns):
            if not isinstance(bsn, str) or not BSN.match(bsn):
                invalid.append(_invalid(f"burgerservicenummer[{i}]", "pattern", "Waarde voldoet niet aan patroon."))
    elif kind == "ZoekMetAdresseerbaarObjectIdentificatie":
        object_id = query.get("adresseerbaarObjectIdentificatie")
        if not isinstance(object_id, str) or not OBJECT_ID.match(object_id):
            invalid.append(_invalid("adresseerbaarObjectIdentificatie", "pattern", "Waarde voldoet niet aan patroon."))
    elif kind == "ZoekMetPostcodeEnHuisnummer":
        postcode, number = query.get("postcode"), query.get("huisnummer")
        if not isinstance(postcode, str) or not POSTCODE.match(postcode):
            invalid.append(_invalid("postcode", "pattern", "Waarde voldoet niet aan patroon."))
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99999:
            invalid.append(_invalid("huisnummer", "integer", "Waarde is geen geldig getal."))
    if invalid:
        raise Problem(400, "Een of meerdere parameters zijn niet correct.", "paramsValidation", invalid)

    if kind == "RaadpleegMetBurgerservicenummer":
        found = [bsn for bsn in dict.fromkeys(bsns) if bsn in register.persons]
    elif kind == "ZoekMetAdresseerbaarObjectIdentificatie":
        keys = [k for k, a in register.addresses.items() if a["object"] == query["adresseerbaarObjectIdentificatie"]]
        found = [bsn for key in keys for bsn in register.living_at(key)]
    else:
        postcode = query["postcode"].replace(" ", "").upper()
        keys = [
            k
            for k, a in register.addresses.items()
            if a["postcode"] == postcode
            and a["huisnummer"] == query["huisnummer"]
            and a.get("huisletter", "") == query.get("huisletter", "")
            and a.get("huisnummertoevoeging", "") == query.get("huisnummertoevoeging", "")
        ]
        found = [bsn for key in keys for bsn in register.living_at(key)]
    paths = [field.split(".") for field in fields]
    return {"type": kind, "personen": [_pick(register.persoon(bsn), paths) for bsn in found]}


class StubServer(ThreadingHTTPServer):
    """The stub: `register` holds the persons, `api_key` (when set) is required, `outage` answers 503."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], api_key: str = "", register: Register | None = None) -> None:
        super().__init__(address, _Handler)
        self.api_key = api_key
        self.register = register or Register()
        self.outage = False
        self.questions = 0  # how many /personen questions it answered or refused, for tests

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/haalcentraal/api/brp"


class _Handler(BaseHTTPRequestHandler):
    server: StubServer
    server_version = "BrpStub/2"

    def log_message(self, format: str, *args) -> None:
        """Silent: a request line holds no BSN, but the stub has nothing worth logging either."""

    def _send(self, status: int, body: dict, content_type: str = "application/json; charset=utf-8") -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _problem(self, problem: Problem) -> None:
        body = {
            "type": f"{RFC}#sec10.{'4' if problem.status < 500 else '5'}",
            "title": problem.title,
            "status": problem.status,
            "instance": self.path,
            "code": problem.code,
        }
        if problem.invalid:
            body["invalidParams"] = problem.invalid
        self._send(problem.status, body, "application/problem+json")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            if not self.path.rstrip("/").endswith("/personen"):
                raise Problem(404, "Opgevraagde resource bestaat niet.", "notFound")
            self.server.questions += 1
            if self.server.api_key and self.headers.get("X-Api-Key") != self.server.api_key:
                raise Problem(401, "Niet correct geauthenticeerd.", "authentication")
            if self.server.outage:
                raise Problem(503, "Bronservice BRP is tijdelijk niet beschikbaar.", "notAvailable")
            if "application/json" not in (self.headers.get("Content-Type") or ""):
                raise Problem(415, "Media Type wordt niet ondersteund.", "unsupported")
            try:
                query = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                raise Problem(400, "Ten minste een parameter moet worden opgegeven.", "paramsRequired") from None
            self._send(200, answer_query(self.server.register, query))
        except Problem as problem:
            self._problem(problem)

    def _not_allowed(self) -> None:
        self._problem(Problem(405, "Gebruikte bevragingsmethode is niet toegestaan.", "methodNotAllowed"))

    do_GET = do_PUT = do_PATCH = do_DELETE = _not_allowed


def start(host: str = "127.0.0.1", port: int = 0, api_key: str = "", register: Register | None = None) -> StubServer:
    """Start the stub in a daemon thread (port 0: a free port) and answer the server; `shutdown()` stops it."""
    server = StubServer((host, port), api_key=api_key, register=register)
    threading.Thread(target=server.serve_forever, name="brp-stub", daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Lokale BRP-stub (Haal Centraal BRP Personen bevragen v2).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--api-key", default="", help="vereiste X-Api-Key (leeg: geen sleutel nodig)")
    args = parser.parse_args(argv)
    server = StubServer((args.host, args.port), api_key=args.api_key)
    print(f"BRP-stub op {server.url}/personen ({len(server.register.persons)} personen)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
