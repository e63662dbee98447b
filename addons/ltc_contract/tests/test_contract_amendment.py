from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import LtcContractCommon


@tagged("post_install", "-at_install")
class TestContractAmendment(LtcContractCommon):
    """变更 / 补充: a tier-reviewed change request that moves the contract to its next version."""

    def _amend(self, contract, user=None):
        action = contract.with_user(user or self.rep).action_amend()
        return self.env["ltc.contract.amendment"].with_user(user or self.rep).browse(action["res_id"])

    def test_amendment_makes_version_two_with_its_line_diff(self):
        contract = self._executing_contract()
        amendment = self._amend(contract)
        self.assertEqual(amendment.name, f"{contract.name}-A1")
        self.assertEqual(amendment.line_ids.contract_line_id, contract.line_ids)
        server_line = amendment.line_ids.filtered(lambda line: line.product_id == self.server)
        install_line = amendment.line_ids - server_line
        with self.assertRaisesMsg(UserError, "Say why contract .* is amended"):
            amendment.action_submit()
        amendment.write({
            "reason": "Customer adds a third server and training",
            "date_end": "2027-06-30",
            "sponsor_user_id": self.manager.id,
            "line_ids": [
                Command.update(server_line.id, {"product_uom_qty": 3}),
                Command.update(install_line.id, {"price_unit": 1800.0}),
                Command.create({"product_id": self.module.id, "product_uom_qty": 2, "price_unit": 1000.0}),
            ],
        })
        self.assertAlmostEqual(amendment.amount_delta, 10000.0 - 200.0 + 2000.0)
        amendment.action_submit()
        self.assertEqual(amendment.state, "review")
        self.assertEqual(contract.version, 1, "nothing applies before the review")
        with self.assertRaisesMsg(UserError, "no longer a draft"):
            amendment.write({"reason": "changed"})
        amendment.with_user(self.manager).validate_tier()
        self.assertEqual(amendment.state, "applied")
        self.assertEqual(contract.version, 2)
        self.assertEqual(contract.version_ids.mapped("version"), [2, 1])
        self.assertEqual(str(contract.date_end), "2027-06-30")
        self.assertEqual(contract.sponsor_user_id, self.manager, "roles change through an amendment, the sponsor too")
        self.assertEqual(contract.line_ids.mapped("product_uom_qty"), [3.0, 1.0, 2.0])
        self.assertAlmostEqual(contract.amount_total, 22000.0 + 10000.0 - 200.0 + 2000.0)
        v2 = contract.version_ids.filtered(lambda v: v.version == 2)
        self.assertEqual(amendment.version_id, v2)
        self.assertEqual(v2.amendment_id, amendment)
        diff = str(v2.diff_html)
        self.assertIn("Changes since v1", diff)
        self.assertRegex(diff, r"Changed</td><td>LTC CT Server</td><td>Quantity: 2.00 → 3.00")
        self.assertRegex(diff, r"Changed</td><td>LTC CT Installation</td><td>Unit Price: 2,000.00 → 1,800.00")
        self.assertRegex(diff, r"Added</td><td>LTC CT Module")
        v1 = contract.version_ids.filtered(lambda v: v.version == 1)
        self.assertEqual(v1.line_ids.mapped("product_uom_qty"), [2.0, 1.0], "v1 stays readable as signed")
        # the remaining quantities follow the new terms: one more server can be ordered
        self.assertEqual(contract.line_ids.mapped("qty_remaining"), [1.0, 0.0, 2.0])

    def test_rejected_amendment_leaves_the_contract_unchanged(self):
        contract = self._executing_contract()
        amendment = self._amend(contract)
        amendment.write({"reason": "Discount asked", "line_ids": [
            Command.update(amendment.line_ids[0].id, {"discount": 20.0})]})
        amendment.action_submit()
        amendment.with_user(self.manager).reject_tier()
        self.assertEqual(amendment.state, "rejected")
        self.assertEqual(contract.version, 1)
        self.assertEqual(contract.line_ids[0].discount, 0.0)

    def test_amendment_raising_the_total_past_the_review_amount_needs_finance_too(self):
        contract = self._executing_contract()
        amendment = self._amend(contract)
        amendment.write({"reason": "Ten more servers", "line_ids": [
            Command.update(amendment.line_ids[0].id, {"product_uom_qty": 12})]})
        amendment.action_submit()
        self.assertEqual(len(amendment.review_ids), 2)
        amendment.with_user(self.manager).validate_tier()
        self.assertEqual(amendment.state, "review")
        amendment.with_user(self.finance).validate_tier()
        self.assertEqual(amendment.state, "applied")
        self.assertEqual(contract.version, 2)

    def test_amendment_cannot_go_below_what_is_ordered(self):
        contract = self._executing_contract()
        amendment = self._amend(contract)
        amendment.write({"reason": "Fewer servers", "line_ids": [
            Command.update(amendment.line_ids[0].id, {"product_uom_qty": 1})]})
        with self.assertRaisesMsg(UserError, "LTC CT Server: 2.0 already ordered; the amendment cannot bring it down "
                                             "to 1.0"):
            amendment.action_submit()

    def test_only_signed_contracts_are_amended_and_state_is_not_typed(self):
        contract = self._contract_from_quote()
        with self.assertRaisesMsg(UserError, "cannot be amended"):
            contract.with_user(self.rep).action_amend()
        with self.assertRaisesMsg(UserError, "Only a signed contract is amended"):
            self.env["ltc.contract.amendment"].with_user(self.rep).create({
                "contract_id": contract.id, "reason": "x"})
        amendment = self._amend(self._executing_contract())
        with self.assertRaisesMsg(UserError, "set by its actions"):
            amendment.write({"state": "applied"})
