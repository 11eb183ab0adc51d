"""Typed parse output: the `csprbot parse --json` contract of DESIGN.md.

Absent values are None (never ""); dates are ISO `YYYY-MM-DD` strings so the JSON is the contract as written.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Kind = Literal["referral", "agency_return", "reply", "auto_reply", "unknown"]
CPPlan = Literal["yes", "no", "has_been", "not_known"]
# How a referral's details were read: from a form ("read"); from a message that reads as a referral but has no
# form ("missing"); or from one whose attached form could not be opened ("unreadable"). Null for other kinds.
FormStatus = Literal["read", "missing", "unreadable"]


class _Rec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Referrer(_Rec):
    name: str | None = None
    email: str | None = None
    role: str | None = None
    phone: str | None = None
    agency: str | None = None
    date_submitted: str | None = None


class Child(_Rec):
    name: str | None = None
    date_of_birth: str | None = None
    home_address: str | None = None
    carer: str | None = None
    incident_date: str | None = None
    incident_location: str | None = None
    ethnicity: str | None = None
    faith: str | None = None
    disability: str | None = None
    child_protection_plan: CPPlan | None = None


class FamilyMember(_Rec):
    name: str | None = None
    relationship: str | None = None
    date_of_birth: str | None = None
    address: str | None = None
    ethnicity: str | None = None


class Criteria(_Rec):
    child_died: bool | None = None
    seriously_harmed: bool | None = None
    abuse_or_neglect: Literal["known", "suspected"] | None = None
    agency_concern: bool | None = None


class OtherAgency(_Rec):
    name: str | None = None
    agency: str | None = None
    contact: str | None = None
    still_involved: bool | None = None


class OtherProcess(_Rec):
    process: str | None = None
    status: str | None = None


class Referral(_Rec):
    referrer: Referrer = Field(default_factory=Referrer)
    child: Child = Field(default_factory=Child)
    family: list[FamilyMember] = Field(default_factory=list)
    criteria: Criteria = Field(default_factory=Criteria)
    summary: str | None = None
    other_agencies: list[OtherAgency] = Field(default_factory=list)
    other_processes: list[OtherProcess] = Field(default_factory=list)


class Author(_Rec):
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None


class AgencyReturn(_Rec):
    agency: str | None = None
    author: Author = Field(default_factory=Author)
    involved: bool | None = None
    involvement_from: str | None = None
    involvement_to: str | None = None
    summary: str | None = None
    immediate_actions: str | None = None
    learning: str | None = None
    records_secured: bool | None = None
    signed_off_by: str | None = None
    date_completed: str | None = None


class Provenance(_Rec):
    """Where one value came from (parsers/provenance.py): the part and place, the label it answered (where
    there is one), the reader that read it, and how surely it belongs to its field."""

    source: str
    label: str | None = None
    via: str
    confidence: Literal["high", "medium", "low"]


class Command(_Rec):
    verb: str
    args: dict[str, str] = Field(default_factory=dict)


class ParseResult(_Rec):
    kind: Kind = "unknown"
    case_ref: str | None = None
    referral: Referral | None = None
    agency_return: AgencyReturn | None = None
    command: Command | None = None
    form: FormStatus | None = None
    missing: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Every value read, by path ("referral.child.name", "referral.family[0].relationship", "case_ref"): where it
    # came from and how sure (parsers/provenance.py). Absent values have no entry.
    provenance: dict[str, Provenance] = Field(default_factory=dict)
    # The provenance gathered while the record is built (provenance.Prov by path), settled into `provenance`
    # once the record is final (parsers.provenance.settle).
    _prov: dict[str, Any] = PrivateAttr(default_factory=dict)
    # A command mail's own text in every body part, normalised and hashed: what tells a replay from a new
    # mail (bot/intake.py). Not part of the contract shape.
    text_digest: str | None = Field(default=None, exclude=True)
    # The mail is a forward (parsers.classify.is_forward): a partnership role's return counts for the agency its
    # form names only when the role forwards it (docs/SECURITY.md). Not part of the contract shape.
    forwarded: bool = Field(default=False, exclude=True)
    # What an agency return's case-reference box holds, as written: intake holds a return whose box names another
    # open case's child (bot/intake.py). Not part of the contract shape.
    case_box: list[str] = Field(default_factory=list, exclude=True)
    # The name a no-form referral's letter anchors with a date of birth (parsers/narrative.py), never put in
    # child.name (a name read from prose is a guess): kept as evidence for the duplicate check only
    # (bot.domain.duplicates.match_case). Not part of the contract shape.
    letter_child: str | None = Field(default=None, exclude=True)

    def low_confidence(self) -> list[str]:
        """The fields read with low confidence, by the name CORRECT takes ("child.name", "summary"): the ones a
        person is asked to check. Names only: never a value."""
        return [path.removeprefix("referral.") for path, p in self.provenance.items()
                if p.confidence == "low" and path.startswith("referral.")]
    # A command mail that also carries a referral or agency return form: what the mail is as that form. The bot
    # acts on it when the command would not be applied (a covering note's "Action: please consider the attached
    # referral." is prose, not an ACTION). Not part of the contract shape.
    as_form: ParseResult | None = Field(default=None, exclude=True)
    # A reply on a case's thread read from the sender's own lines alone (parsers.classify._own_reading): the
    # no-form referral they may be, beside a form read only from the quoted history (the mail is then read as
    # that form unless intake finds the sender's own text decides), or beside a plain reply under a case's
    # reference that tells of serious harm. Intake takes it when the own text points at another child
    # (bot/intake._own_text_decides). Not part of the contract shape.
    own_reading: ParseResult | None = Field(default=None, exclude=True)
    # False when own_reading passes no referral test of its own (read only because the quoted form was set aside).
    reads_as_referral: bool = Field(default=True, exclude=True)

    def to_json_dict(self) -> dict[str, object]:
        """The contract shape: every key present, absent values null."""
        return self.model_dump(mode="json")
