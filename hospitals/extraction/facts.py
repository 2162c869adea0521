"""The shapes extraction returns; plain data, no database."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class HospitalFact:
    name: str
    aliases: list[str] = field(default_factory=list)
    role: str = "mentioned"  # "subject" | "mentioned"
    province: str = ""
    city: str = ""
    county: str = ""
    category: str = ""
    level: str = ""
    founded_year: int | None = None


@dataclass
class PersonFact:
    name: str
    titles: list[str]
    hospital: str
    evidence: str
    span: tuple[int, int] | None = None


@dataclass
class InitiativeFact:
    name: str
    category: str
    description: str
    evidence: str
    span: tuple[int, int] | None
    hospital: str


@dataclass
class MetricFact:
    name: str
    value: Decimal
    unit: str
    qualifier: str
    from_value: Decimal | None
    kind: str
    year: int | None
    period: str
    evidence: str
    span: tuple[int, int]
    hospital: str
    # A target or projection (预计, 计划, 拟, 力争): stored, never shown as a current value.
    planned: bool = False


@dataclass
class Extraction:
    hospitals: list[HospitalFact] = field(default_factory=list)
    people: list[PersonFact] = field(default_factory=list)
    initiatives: list[InitiativeFact] = field(default_factory=list)
    metrics: list[MetricFact] = field(default_factory=list)

    @property
    def subject(self):
        if self.hospitals and self.hospitals[0].role == "subject":
            return self.hospitals[0]
        return None
