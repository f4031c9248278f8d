"""Sending a document down: the đảng ủy exports any kind of document it holds, and a cell takes it
in with one import, the same kind, items and slogans as sent."""
import pytest

from cell_desk.domain.document_kinds import DOCUMENT_KINDS
from cell_desk.services.document_intake import read_incoming
from tests.documents import orientation


@pytest.mark.parametrize("kind", sorted(DOCUMENT_KINDS))
def test_every_kind_of_document_goes_down_in_one_file(open_at, tmp_path, kind):
    upper = open_at(folder=tmp_path / "dang-uy")
    document = orientation()
    document["plan"]["doc_kind"] = kind
    plan_id = upper.exchange.save(document, activate=True)
    name = upper.exchange.file_name(plan_id)
    assert name.endswith(".json") and name.isascii() and "/" not in name
    sent = upper.exchange.export(plan_id, tmp_path / name)

    cell = open_at(folder=tmp_path / "chi-bo")
    incoming = read_incoming(sent)
    received = cell.exchange.save(incoming.parsed.document, activate=True)
    tree, original = cell.plans.plan_tree(received), upper.plans.plan_tree(plan_id)
    assert tree.summary.doc_kind == kind and tree.summary.is_active
    assert [item.text for phase in tree.phases for item in phase.all_items()] == \
        [item.text for phase in original.phases for item in phase.all_items()]
    assert cell.exchange.document(received)["plan"]["slogans"] == upper.exchange.document(plan_id)["plan"]["slogans"]
