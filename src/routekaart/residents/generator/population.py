"""One chunk of the demo town as plain data: residents, households with their history, relations and addresses.

No database here, so the shares, the 11-check and the composition invariants can be tested in milliseconds, and
the same data can be written by any store. Each chunk comes from its own random stream
(`random.Random("routekaart-town:<seed>:<chunk>")`), so the same seed, size and reference date always give the
same town, chunk by chunk.

History is modest but real: children are members from birth, a grown child may have moved out to a household of
their own, a single parent's former partner lives elsewhere in town since the separation, and an elderly single
is often widowed (the partner's record is kept, with the date of death). Periods are half-open, as in
`Membership`: leaving on day D and arriving elsewhere on day D never overlaps.
"""

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .data import Surname, Weighted, names, shares
from .town import POSTCODE_LETTERS, STREETS_PER_CHUNK, TownPlan

YEAR = 365.2425
FEMALE, MALE, UNKNOWN = "female", "male", "unknown"
HEAD, PARTNER, CHILD, OTHER = "head", "partner", "child", "other"


@dataclass(slots=True)
class Person:
    number: int  # resident record number in the town; the BSN follows from it
    bsn: str
    given_names: str
    name_prefix: str
    family_name: str
    birth_date: date
    gender: str
    country_of_birth: str
    education_level: str
    email: str = ""
    date_of_death: date | None = None


@dataclass(slots=True)
class Member:
    person: int  # index into Chunk.persons
    role: str
    valid_from: date
    valid_to: date | None = None


@dataclass(slots=True)
class Relation:
    resident: int  # index into Chunk.persons: `resident` is partner or parent of `related`
    related: int
    kind: str
    valid_from: date | None
    valid_to: date | None = None


@dataclass(slots=True)
class Address:
    street: str
    house_number: int
    house_number_addition: str
    postcode: str
    city: str


@dataclass(slots=True)
class Benefit:
    """Social assistance of the household; the head (first member) is the applicant, the benefit client."""

    since: date
    with_earnings: bool


@dataclass(slots=True)
class Household:
    kind: str
    members: list[Member]
    address: Address | None = None
    benefit: Benefit | None = None


@dataclass
class Chunk:
    index: int
    district: int
    persons: list[Person] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@cache
def _tables():
    """The YAML shares turned into samplers, once per process."""
    general, clients = shares().general, shares().clients
    female_single_parent = clients["women_among_single_parents"]
    share_single_parent = clients["household_kinds"]["single_parent"]
    female_other = (clients["women"] - share_single_parent * female_single_parent) / (1 - share_single_parent)
    return {
        "kinds": Weighted(general["household_kinds"]),
        "origins": Weighted(general["origins"]),
        "children": Weighted({int(k): v for k, v in general["children"].items()}),
        "education": [
            (int(band.split("-")[0]), int(band.split("-")[1]), Weighted(table))
            for band, table in general["education"].items()
        ],
        "client_kinds": Weighted(clients["household_kinds"]),
        "client_ages": Weighted({(lo, hi): share for lo, hi, share in clients["age_bands"]}),
        "client_education": Weighted(clients["education"]),
        "client_abroad": Weighted(clients["origins_born_abroad"]),
        "client_here": Weighted(clients["origins_born_here"]),
        "client_female": {"single_parent": female_single_parent, "other": female_other},
    }


def _ascii(value: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", value) if c.isalnum() and c.isascii()).lower()


class ChunkBuilder:
    """Draws the households of one chunk until it holds exactly its share of resident records."""

    def __init__(self, plan: TownPlan, chunk: int) -> None:
        self.plan = plan
        self.rng = random.Random(f"routekaart-town:{plan.seed}:{chunk}")
        self.start, self.stop = plan.chunk_bounds(chunk)
        self.district = plan.districts[plan.chunk_district(chunk)]
        self.chunk = Chunk(index=chunk, district=self.district.index)
        self.today = plan.reference_date.toordinal()
        self.t = _tables()
        self.general = shares().general
        self.clients = shares().clients
        self.names = names()

    # -- budget and dates -------------------------------------------------------------------------------------

    def room(self) -> int:
        return self.stop - self.start - len(self.chunk.persons)

    def _birth(self, age: int) -> int:
        return self.today - int(age * YEAR) - self.rng.randrange(365)

    def _between(self, earliest: int, latest: int) -> int:
        return latest if earliest >= latest else self.rng.randint(earliest, latest)

    def _adult_from(self, birth: int) -> int:
        return birth + int(18 * YEAR) + 1

    # -- persons ----------------------------------------------------------------------------------------------

    def _given(self, origin: str, birth_year: int, female: bool) -> str:
        rng, names_ = self.rng, self.names
        entry = names_.origins.get(origin)
        dutch = origin == "NL" or not entry or not entry.male or (birth_year >= 1995 and rng.random() < 0.12)
        pool = names_.dutch_given(birth_year, female) if dutch else (entry.female if female else entry.male)
        roll = rng.random()
        count = (
            (1 if roll < 0.3 else 2 if roll < 0.8 else 3)
            if dutch and birth_year < 1970
            else (1 if roll < 0.55 else 2 if roll < 0.93 else 3)
        )
        chosen = []
        for _ in range(count):
            given = rng.choice(pool)
            if given not in chosen:
                chosen.append(given)
        return " ".join(chosen)

    def _surname(self, origin: str):
        entry = self.names.origins.get(origin) or self.names.origins["NL"]
        return self.rng.choice(entry.surnames)

    def _education(self, age: int) -> str:
        for low, high, table in self.t["education"]:
            if low <= age <= high:
                return table.draw(self.rng)
        return "unknown"

    def _born_abroad(self, origin: str, birth_year: int, age: int) -> bool:
        chances = self.general["born_abroad"].get(origin, (0.9, 0.8, 0.3))
        chance = chances[2] if age < 18 else chances[0] if birth_year < 1990 else chances[1]
        return self.rng.random() < chance

    def person(
        self,
        *,
        age: int | None = None,
        birth: int | None = None,
        female: bool | None = None,
        origin: str = "NL",
        surname=None,
        born_abroad: bool | None = None,
        education: str | None = None,
    ) -> int:
        rng = self.rng
        birth = self._birth(age) if birth is None else birth
        birth_date = date.fromordinal(birth)
        age = int((self.today - birth) / YEAR)
        if female is None:
            female = rng.random() < 0.5
        gender = FEMALE if female else MALE
        if rng.random() < self.general["gender_unknown"]:
            gender = UNKNOWN
        if born_abroad is None:
            born_abroad = origin != "NL" and self._born_abroad(origin, birth_date.year, age)
        country = origin if born_abroad and origin != "NL" else "NL"
        surname = surname or self._surname(origin)
        given = self._given(origin, birth_date.year, female)
        family = surname.female if female else surname.male
        number = self.start + len(self.chunk.persons)
        email = ""
        if age >= 18 and rng.random() < 0.6:
            email = f"{_ascii(given.split()[0])}.{_ascii(family)}{number % 97}@example.org"
        self.chunk.persons.append(
            Person(
                number=number,
                bsn=self.plan.bsn(number),
                given_names=given,
                name_prefix=surname.prefix,
                family_name=family,
                birth_date=birth_date,
                gender=gender,
                country_of_birth=country,
                education_level=education or self._education(age),
                email=email,
            )
        )
        return len(self.chunk.persons) - 1

    def _birth_ordinal(self, person: int) -> int:
        return self.chunk.persons[person].birth_date.toordinal()

    def relate(self, resident: int, related: int, kind: str, valid_from: int | None, valid_to: int | None = None):
        self.chunk.relations.append(
            Relation(
                resident=resident,
                related=related,
                kind=kind,
                valid_from=date.fromordinal(valid_from) if valid_from else None,
                valid_to=date.fromordinal(valid_to) if valid_to else None,
            )
        )

    def household(self, kind: str, members: list[tuple[int, str, int, int | None]], benefit=None) -> Household:
        household = Household(
            kind=kind,
            members=[
                Member(p, role, date.fromordinal(start), date.fromordinal(end) if end else None)
                for p, role, start, end in members
            ],
            benefit=benefit,
        )
        self.chunk.households.append(household)
        return household

    # -- building blocks --------------------------------------------------------------------------------------

    def _partner_of(self, head: int, origin: str, same_sex: bool | None = None) -> int:
        rng = self.rng
        head_person = self.chunk.persons[head]
        head_female = head_person.gender == FEMALE
        if same_sex is None:
            same_sex = rng.random() < self.general["same_sex_couples"]
        female = head_female if same_sex else not head_female
        shift = rng.gauss(2.5, 3.5)
        gap = int(shift * YEAR) if female else -int(shift * YEAR)  # the man is a little older, on average
        birth = min(head_person.birth_date.toordinal() + gap, self.today - int(18 * YEAR) - 1)
        partner_origin = origin if rng.random() < 0.88 else ("NL" if origin != "NL" else self.t["origins"].draw(rng))
        return self.person(birth=birth, female=female, origin=partner_origin)

    def _children(self, mother_birth: int, count: int, origin: str, surname, oldest_max: int = 24) -> list[int]:
        """Children of a parent born on `mother_birth`: born when the parent was 19 to 44, up to `oldest_max` now."""
        rng = self.rng
        latest = self.today - rng.randrange(30, 365 * 3)
        earliest = max(mother_birth + int(19 * YEAR), self.today - int((oldest_max + 1) * YEAR) + 1)
        births = []
        start = min(latest, mother_birth + int(36 * YEAR))
        if start < earliest:
            return []
        cursor = self._between(earliest, start)
        for _ in range(count):
            if cursor > self.today - 1 or cursor > mother_birth + int(44 * YEAR):
                break
            births.append(cursor)
            cursor += rng.randint(int(1.2 * YEAR), int(4.5 * YEAR))
        return [self.person(birth=b, origin=origin, surname=surname) for b in births]

    def _move_in(self, adults: list[int], before: int | None = None) -> int:
        earliest = max(self._adult_from(self._birth_ordinal(a)) for a in adults)
        earliest = max(earliest, self.today - int(45 * YEAR))
        latest = self.today - 30 if before is None else min(before, self.today - 30)
        return self._between(earliest, latest)

    def _single_home(self, person: int, since: int) -> None:
        self.household("single", [(person, HEAD, since, None)])

    # -- household kinds ---------------------------------------------------------------------------------------

    def single(self, *, head: int | None = None, origin: str = "NL", age: int | None = None, benefit=None) -> None:
        rng = self.rng
        if head is None:
            roll = rng.random()
            age = age or (
                rng.randint(19, 34)
                if roll < 0.30
                else rng.randint(35, 64)
                if roll < 0.58
                else min(rng.randint(65, 78) + int(abs(rng.gauss(0, 7))), 101)
            )
            head = self.person(age=age, origin=origin)
        head_birth = self._birth_ordinal(head)
        age = int((self.today - head_birth) / YEAR)
        widowed = age >= 70 and self.room() >= 2 and rng.random() < self.general["deceased_partner_of_elderly_single"]
        if not widowed:
            self.household("single", [(head, HEAD, self._move_in([head]), None)], benefit)
            return
        late = self._partner_of(head, origin, same_sex=False)
        late_birth = self._birth_ordinal(late)
        together = self._between(
            max(self._adult_from(head_birth), self._adult_from(late_birth)), self.today - int(20 * YEAR)
        )
        died = self._between(max(together + 365, late_birth + int(60 * YEAR)), self.today - 60)
        self.chunk.persons[late].date_of_death = date.fromordinal(died)
        self.chunk.persons[late].email = ""
        self.relate(head, late, PARTNER, together, died)
        self.household("single", [(head, HEAD, together, None), (late, PARTNER, together, died)], benefit)

    def couple(self, *, head: int | None = None, origin: str = "NL", benefit=None) -> None:
        rng = self.rng
        if head is None:
            roll = rng.random()
            age = rng.randint(23, 34) if roll < 0.22 else rng.randint(35, 64) if roll < 0.50 else rng.randint(65, 92)
            head = self.person(age=age, origin=origin)
        partner = self._partner_of(head, origin)
        since = self._move_in([head, partner])
        self.relate(head, partner, PARTNER, since)
        self.household("couple", [(head, HEAD, since, None), (partner, PARTNER, since, None)], benefit)

    def family(self, *, head: int | None = None, origin: str = "NL", benefit=None, extra: int = 0) -> None:
        """A couple with children (`extra` more places are kept for a grandparent)."""
        rng = self.rng
        if head is None:
            head = self.person(age=int(rng.triangular(25, 60, 40)), origin=origin)
        partner = self._partner_of(head, origin)
        partner_p = self.chunk.persons[partner]
        mother = partner if partner_p.gender == FEMALE else head
        father = head if mother == partner else partner
        surname = self._surname_of(father)
        wanted = self.t["children"].draw(rng)
        count = max(1, min(wanted, self.room() - extra))
        kids = self._children(self._birth_ordinal(mother), count, origin, surname)
        if not kids:  # the parents are too young or too old for children at home: a couple after all
            since = self._move_in([head, partner])
            self.relate(head, partner, PARTNER, since)
            self.household("couple", [(head, HEAD, since, None), (partner, PARTNER, since, None)], benefit)
            return
        eldest = min(self._birth_ordinal(k) for k in kids)
        since = self._move_in([head, partner], before=eldest)
        self.relate(head, partner, PARTNER, since)
        members = [(head, HEAD, since, None), (partner, PARTNER, since, None)]
        for kid in kids:
            members.append((kid, CHILD, max(since, self._birth_ordinal(kid)), None))
            self.relate(head, kid, "parent", self._birth_ordinal(kid))
            self.relate(partner, kid, "parent", self._birth_ordinal(kid))
        # A grown child who has left home lives elsewhere in town.
        mother_age = int((self.today - self._birth_ordinal(mother)) / YEAR)
        left = None
        if extra == 0 and mother_age >= 45 and self.room() >= 1 and rng.random() < self.general["left_home_child"]:
            left_birth = self._between(self._birth_ordinal(mother) + int(20 * YEAR), self.today - int(19 * YEAR))
            left_birth = max(left_birth, self.today - int(34 * YEAR))
            earliest_leave = max(since, left_birth + int(18 * YEAR)) + 30
            if left_birth <= self.today - int(19 * YEAR) and earliest_leave < self.today - 60:
                left = self.person(birth=left_birth, origin=origin, surname=surname)
                left_on = self._between(earliest_leave, self.today - 60)
                members.append((left, CHILD, max(since, left_birth), left_on))
                self.relate(head, left, "parent", left_birth)
                self.relate(partner, left, "parent", left_birth)
        household = self.household("couple_with_children" if extra == 0 else "multi_generation", members, benefit)
        if left is not None:
            self._single_home(left, household.members[-1].valid_to.toordinal())

    def _surname_of(self, person: int) -> Surname:
        p = self.chunk.persons[person]
        return Surname(p.name_prefix, p.family_name, p.family_name)

    def single_parent(self, *, head: int | None = None, origin: str = "NL", benefit=None) -> None:
        rng = self.rng
        if head is None:
            female = rng.random() < self.clients["women_among_single_parents"]
            head = self.person(age=int(rng.triangular(24, 58, 40)), origin=origin, female=female)
        head_p = self.chunk.persons[head]
        separated = self.room() >= 3 and rng.random() < self.general["separated_single_parent"]
        ex = self._partner_of(head, origin, same_sex=False) if separated else None
        father = ex if (ex is not None and head_p.gender == FEMALE) else head
        surname = self._surname_of(father)
        count = max(1, min(self.t["children"].draw(rng), 3, self.room()))
        kids = self._children(self._birth_ordinal(head), count, origin, surname)
        if not kids:
            if ex is not None:  # no children after all: the former partner simply lives alone
                self._single_home(ex, self._move_in([ex]))
            self.household("single", [(head, HEAD, self._move_in([head]), None)], benefit)
            return
        eldest = min(self._birth_ordinal(k) for k in kids)
        youngest = max(self._birth_ordinal(k) for k in kids)
        adults = [head] if ex is None else [head, ex]
        since = self._move_in(adults, before=eldest)
        members = [(head, HEAD, since, None)]
        for kid in kids:
            members.append((kid, CHILD, max(since, self._birth_ordinal(kid)), None))
            self.relate(head, kid, "parent", self._birth_ordinal(kid))
        if ex is not None:
            split = max(self._between(max(since, youngest) + 90, self.today - 30), since + 1)
            members.insert(1, (ex, PARTNER, since, split))
            self.relate(head, ex, PARTNER, since, split)
            for kid in kids:
                self.relate(ex, kid, "parent", self._birth_ordinal(kid))
        self.household("single_parent", members, benefit)
        if ex is not None:
            self._single_home(ex, split)

    def multi_generation(self, *, origin: str = "NL") -> None:
        """Parents, children and a grandparent under one roof."""
        rng = self.rng
        head = self.person(age=rng.randint(42, 62), origin=origin)
        self.family(head=head, origin=origin, extra=1)
        if self.chunk.households[-1].kind != "multi_generation" or self.room() < 1:
            return
        household = self.chunk.households[-1]
        grandparent_birth = self._birth_ordinal(head) - rng.randint(int(20 * YEAR), int(38 * YEAR))
        grandparent_birth = max(grandparent_birth, self.today - int(100 * YEAR))
        grandparent = self.person(birth=grandparent_birth, origin=origin, surname=self._surname_of(head))
        moved_in = self._between(household.members[0].valid_from.toordinal(), self.today - 30)
        household.members.append(Member(grandparent, OTHER, date.fromordinal(moved_in), None))
        self.relate(grandparent, head, "parent", self._birth_ordinal(head))

    def house_sharers(self) -> None:
        rng = self.rng
        count = min(rng.randint(2, 4), self.room())
        sharers = [self.person(age=rng.randint(19, 35), origin=self.t["origins"].draw(rng)) for _ in range(count)]
        members = []
        for i, sharer in enumerate(sharers):
            members.append((sharer, HEAD if i == 0 else OTHER, self._move_in([sharer]), None))
        self.household("house_sharers", members)

    # -- benefit clients ---------------------------------------------------------------------------------------

    def benefit_household(self) -> None:
        """A household on social assistance, drawn to seed 002's shares; the head is the client."""
        rng, t = self.rng, self.t
        kind = t["client_kinds"].draw(rng)
        minimum = {"single": 1, "single_parent": 2, "couple": 2, "couple_with_children": 3}[kind]
        if self.room() < minimum:
            kind = "single"
        low, high = t["client_ages"].draw(rng)
        age = rng.randint(low, high)
        female_chance = t["client_female"]["single_parent" if kind == "single_parent" else "other"]
        female = rng.random() < female_chance
        born_abroad = rng.random() < self.clients["born_abroad"]
        origin = (t["client_abroad"] if born_abroad else t["client_here"]).draw(rng)
        if kind == "single_parent" and age > 58:
            age = rng.randint(40, 58)  # children at home; keeps the age bands near their shares
        head = self.person(
            age=age,
            female=female,
            origin=origin,
            born_abroad=born_abroad,
            education=t["client_education"].draw(rng),
        )
        benefit = self._benefit(head)
        if kind == "single":
            self.single(head=head, origin=origin, benefit=benefit)
        elif kind == "couple":
            self.couple(head=head, origin=origin, benefit=benefit)
        elif kind == "couple_with_children":
            self.family(head=head, origin=origin, benefit=benefit)
        else:
            self.single_parent(head=head, origin=origin, benefit=benefit)

    def _benefit(self, head: int) -> Benefit:
        rng, clients = self.rng, self.clients
        adult_days = self.today - self._adult_from(self._birth_ordinal(head))
        roll = rng.random()
        longer_than_one = clients["longer_than_one_year"]
        longer_than_five = clients["longer_than_five_years"]
        if roll < longer_than_five and adult_days > int(5 * YEAR) + 2:
            days = rng.randint(int(5 * YEAR) + 1, min(int(15 * YEAR), adult_days - 1))
        elif roll < longer_than_one and adult_days > int(YEAR) + 2:
            days = rng.randint(int(YEAR) + 1, min(int(5 * YEAR), adult_days - 1))
        else:
            days = rng.randint(14, min(int(YEAR), max(15, adult_days - 1)))
        return Benefit(since=date.fromordinal(self.today - days), with_earnings=rng.random() < clients["with_earnings"])

    # -- the chunk ---------------------------------------------------------------------------------------------

    def build(self) -> Chunk:
        rng, t = self.rng, self.t
        size = self.stop - self.start
        expected = size * shares().client_rate * self.district.client_weight
        clients = int(expected) + (rng.random() < expected - int(expected))
        for _ in range(clients):
            if self.room() <= 0:
                break
            self.benefit_household()
        builders = {
            "single": self.single,
            "couple": self.couple,
            "couple_with_children": self.family,
            "single_parent": self.single_parent,
            "multi_generation": self.multi_generation,
            "house_sharers": self.house_sharers,
        }
        minimum = {
            "single": 1,
            "couple": 2,
            "couple_with_children": 3,
            "single_parent": 2,
            "multi_generation": 5,
            "house_sharers": 2,
        }
        while self.room() > 0:
            kind = t["kinds"].draw(rng)
            if minimum[kind] > self.room():
                kind = "single"
            if kind == "house_sharers":
                builders[kind]()
            else:
                builders[kind](origin=t["origins"].draw(rng))
        self._addresses()
        return self.chunk

    def _addresses(self) -> None:
        """Streets of houses and of flats; a postcode covers about twenty addresses on one street."""
        rng, plan = self.rng, self.plan
        current = [h for h in self.chunk.households if any(m.valid_to is None for m in h.members)]
        rng.shuffle(current)
        digits = plan.chunk_postcode_digits(self.chunk.index)
        city = self.district.town
        letters = iter(POSTCODE_LETTERS)
        homes = iter(())
        street = -1

        def street_homes(number: int):
            name = plan.street_name(self.chunk.index, number)
            flats = rng.random() < 0.3
            length = rng.randint(12, 70)
            postcode = f"{digits} {next(letters)}"
            count = 0
            for house in range(1, length + 1):
                additions = (
                    [str(f) for f in range(1, rng.randint(3, 5))]
                    if flats
                    else (["", "A"] if rng.random() < 0.03 else [""])
                )
                for addition in additions:
                    if count and count % 20 == 0:
                        postcode = f"{digits} {next(letters)}"
                    count += 1
                    yield Address(name, house, addition, postcode, city)

        for household in current:
            address = next(homes, None)
            while address is None:
                street += 1
                if street >= STREETS_PER_CHUNK:
                    raise AssertionError("a chunk ran out of streets")
                homes = street_homes(street)
                address = next(homes, None)
            household.address = address


def chunk_build(plan: TownPlan, chunk: int) -> Chunk:
    return ChunkBuilder(plan, chunk).build()
