"""The follow-up shape, on the valid example (beside valid.ttl's statements) and on the build."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from bkg_graph.validate import validate

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "shapes"


def test_the_valid_follow_ups_conform() -> None:
    g = Graph().parse(EXAMPLES / "valid.ttl", format="turtle")
    g.parse(EXAMPLES / "valid-followup.ttl", format="turtle")
    report = validate(g)
    assert report.conforms, [str(v) for v in report.violations]


def test_a_follow_up_without_its_statement_claims_progress_fails() -> None:
    g = Graph().parse(EXAMPLES / "valid.ttl", format="turtle")
    g.parse(EXAMPLES / "valid-followup.ttl", format="turtle")
    found = next(s for s in g.subjects() if str(s).endswith("/example/found"))
    g.remove((found, None, None))
    g.parse(
        data=f"""@prefix bkg: <https://w3id.org/bilateral-kg/ontology#> .
        <{found}> a bkg:FollowUp ;
          bkg:commitment <{found}/missing> ;
          bkg:followUpOutcome "progressed" ; bkg:matchConfidence "confident" .""",
        format="turtle",
    )
    report = validate(g)
    assert sorted({v.message for v in report.violations if v.focus == str(found)}) == [
        "A follow-up has a bkg:followUpStatement exactly when its outcome is not 'not-mentioned'.",
        "A follow-up needs at least one prov:wasDerivedFrom, each a bkg:Statement.",
        "A follow-up needs exactly one bkg:commitment, a bkg:Statement.",
        "A follow-up needs exactly one bkg:laterDocument, a bkg:Document.",
    ]
