from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SIGNED_COPY, LtcContractCommon


@tagged("post_install", "-at_install")
class TestContractLifecycle(LtcContractCommon):
    def test_contract_from_quote_copies_lines_taxes_pricelist_roles(self):
        quote = self._create_quote(lines=[(self.server, 2, 10000.0, 5.0, self.tax), (self.install, 1, 2000.0)])
        contract = self._contract_from_quote(quote)
        self.assertEqual(contract.state, "draft")
        self.assertRegex(contract.name, r"^HT\d{4}\d{5}$")
        self.assertEqual(contract.order_id, quote)
        self.assertEqual(quote.ltc_contract_id, contract)
        self.assertEqual(contract.partner_id, self.customer)
        self.assertEqual(contract.pricelist_id, self.pricelist)
        self.assertEqual((contract.user_id, contract.solution_user_id, contract.fulfilment_user_id),
                         (self.rep, self.sr, self.fr))
        self.assertEqual(contract.line_ids.product_id, self.server | self.install)
        server_line = contract.line_ids.filtered(lambda line: line.product_id == self.server)
        self.assertEqual((server_line.product_uom_qty, server_line.price_unit, server_line.discount),
                         (2.0, 10000.0, 5.0))
        self.assertEqual(server_line.tax_ids, self.tax)
        self.assertEqual(quote.order_line.ltc_contract_line_id, contract.line_ids)
        # 2 x 10000 x 95 % = 19000 (+13 % VAT 2470) + 2000
        self.assertAlmostEqual(contract.amount_untaxed, 21000.0)
        self.assertAlmostEqual(contract.amount_tax, 2470.0)
        self.assertAlmostEqual(contract.amount_total, quote.amount_total)
        with self.assertRaisesMsg(UserError, "already has contract"):
            quote.with_user(self.rep).action_create_contract()

    def test_quote_accepted_by_the_customer_becomes_a_contract_until_invoiced(self):
        quote = self._create_quote()
        quote.with_user(self.rep).action_confirm()  # as the portal acceptance does
        contract = self._contract_from_quote(quote)
        self.assertEqual((quote.ltc_contract_id, contract.order_id), (contract, quote))
        self.assertEqual(quote.order_line.ltc_contract_line_id, contract.line_ids)
        self._sign(contract)
        self.assertEqual(quote.state, "sale")
        self.assertEqual(contract.line_ids.mapped("qty_ordered"), [2.0, 1.0])
        # the link of a confirmed order is not a plain write, not even with the markers a client can send
        other = self._create_quote()
        other.with_user(self.rep).action_confirm()
        with self.assertRaisesMsg(UserError, "contract of a confirmed order is kept"):
            other.with_user(self.rep).with_context(ltc_guarded_write=True).write({"ltc_contract_id": contract.id})
        # an invoiced order is past the point where a contract starts
        other._create_invoices()
        with self.assertRaisesMsg(UserError, "cancelled or already invoiced"):
            other.with_user(self.rep).action_create_contract()
        self.assertFalse(other.ltc_contract_ids)

    def test_contract_numbers_run_per_company(self):
        other = self.env["res.company"].create({"name": "LTC CT Branch"})
        first = self._contract_from_quote()
        branch = self.env["ltc.contract"].with_company(other).create({
            "partner_id": self.customer.id, "company_id": other.id, "currency_id": other.currency_id.id,
        })
        year = fields.Date.today().year
        self.assertTrue(first.name.startswith(f"HT{year}"))
        self.assertEqual(branch.name, f"HT{year}00001", "the branch has its own sequence")

    def test_quote_waiting_for_discount_approval_does_not_become_a_contract(self):
        quote = self._create_quote(lines=[(self.server, 1, 10000.0, 25.0)])
        self.assertTrue(quote._is_approval_pending())
        with self.assertRaisesMsg(UserError, r"waits for its review \(discount or credit\)"):
            quote.with_user(self.rep).action_create_contract()
        self.assertFalse(quote.ltc_contract_ids)

    def test_state_is_never_written_directly(self):
        contract = self._contract_from_quote()
        as_rep = contract.with_user(self.rep)
        with self.assertRaisesMsg(UserError, "State of a contract change through its actions"):
            as_rep.write({"state": "signed"})
        # a client can send any context over JSON-RPC, but not the module's own marker object
        with self.assertRaisesMsg(UserError, "through its actions"):
            forged = as_rep.with_context(ltc_guarded_write=True, ltc_contract_trusted=True, skip_validation_check=True)
            forged.write({"state": "executing"})
        with self.assertRaisesMsg(UserError, "through its actions"):
            as_rep.write({"risk_level": "low", "version": 7})
        with self.assertRaisesMsg(UserError, "set by its actions"):
            self.env["ltc.contract"].with_user(self.rep).create({"partner_id": self.customer.id, "state": "signed"})
        self.assertEqual(contract.state, "draft")

    def test_submit_needs_lines(self):
        empty = self.env["ltc.contract"].with_user(self.rep).create({"partner_id": self.customer.id})
        with self.assertRaisesMsg(UserError, "has no lines"):
            empty.action_submit()

    def test_manager_review_approves_a_small_contract(self):
        contract = self._contract_from_quote()
        contract.with_user(self.rep).action_submit()
        self.assertEqual(contract.state, "review")
        self.assertEqual(contract.review_ids.definition_id,
                         self.env.ref("ltc_contract.tier_definition_contract_manager"))
        self.assertFalse(contract.with_user(self.rep).can_review)
        with self.assertRaisesMsg(UserError, "is In Review: send it back to draft"):
            contract.with_user(self.rep).write({"title": "changed under review"})
        with self.assertRaisesMsg(UserError, "cannot be signed"):
            contract.with_user(self.rep).action_sign()
        self.manager.partner_id.email = False  # a reviewer without an email address still approves
        contract.with_user(self.manager).validate_tier()
        self.assertEqual(contract.state, "approved")
        self.assertEqual(contract.message_ids[0].author_id, self.manager.partner_id)

    def test_two_parallel_reviewers_both_approve(self):
        quote = self._create_quote(lines=[(self.server, 12, 10000.0)])  # 120,000 >= 100,000 review amount
        contract = self._contract_from_quote(quote)
        self.assertTrue(contract.review_amount_exceeded)
        contract.with_user(self.rep).action_submit()
        self.assertEqual(
            contract.review_ids.definition_id,
            self.env.ref("ltc_contract.tier_definition_contract_manager")
            | self.env.ref("ltc_contract.tier_definition_contract_amount"),
        )
        # parallel: the finance reviewer does not wait for the manager
        self.assertTrue(contract.with_user(self.finance).can_review)
        self.assertTrue(contract.with_user(self.manager).can_review)
        contract.with_user(self.finance).validate_tier()
        self.assertEqual(contract.state, "review", "the manager has not approved yet")
        self.assertIn(contract.validation_status, ("pending", "waiting"))
        contract.with_user(self.manager).validate_tier()
        self.assertEqual(contract.validation_status, "validated")
        self.assertEqual(contract.state, "approved")

    def test_framework_and_discount_call_the_vp(self):
        quote = self._create_quote(lines=[(self.server, 1, 10000.0, 35.0)])
        self.env.company.ltc_discount_vp_limit = 30.0
        quote.request_validation()
        quote.with_user(self.manager).validate_tier()
        quote.with_user(self.vp).validate_tier()
        contract = self._contract_from_quote(quote)
        self.assertTrue(contract.review_discount_exceeded)
        contract.with_user(self.rep).action_submit()
        self.assertIn(self.env.ref("ltc_contract.tier_definition_contract_discount"), contract.review_ids.definition_id)

    def test_rejection_sends_the_contract_back_to_draft(self):
        quote = self._create_quote(lines=[(self.server, 12, 10000.0)])
        contract = self._contract_from_quote(quote)
        contract.with_user(self.rep).action_submit()
        contract.with_user(self.manager).validate_tier()
        contract.with_user(self.finance).reject_tier()
        self.assertEqual(contract.validation_status, "rejected")
        self.assertEqual(contract.state, "draft")
        self.assertIn("Review rejected by Finance Zhao", contract.message_ids[0].body)
        # back in draft the terms can change, and a new submission starts a new review
        contract.with_user(self.rep).line_ids[0].product_uom_qty = 5
        contract.with_user(self.rep).action_submit()
        self.assertEqual(contract.state, "review")
        self.assertEqual(len(contract.review_ids), 1, "52,000: below the finance review amount now")
        self.assertFalse(contract.review_ids.filtered(lambda r: r.status in ("rejected", "approved")))

    def test_signing_needs_the_date_and_a_copy_or_signature(self):
        contract = self._approve(self._contract_from_quote())
        as_rep = contract.with_user(self.rep)
        with self.assertRaisesMsg(UserError, "Enter the signing date"):
            as_rep.action_sign()
        as_rep.date_signed = fields.Date.today()
        with self.assertRaisesMsg(UserError, "needs the signed copy attached or the customer's online signature"):
            as_rep.action_sign()
        self.assertEqual(contract.state, "approved")
        as_rep.signed_copy = SIGNED_COPY
        as_rep.action_sign()
        self.assertEqual(contract.state, "signed")

    def test_signing_confirms_the_quote_and_keeps_version_one(self):
        contract = self._sign(self._contract_from_quote())
        self.assertEqual(contract.order_id.state, "sale", "the quote is the contract's first order")
        self.assertEqual(contract.sale_order_ids, contract.order_id)
        self.assertEqual(contract.version_ids.mapped("version"), [1])
        self.assertEqual(contract.line_ids.mapped("qty_ordered"), [2.0, 1.0])
        self.assertEqual(contract.line_ids.mapped("qty_remaining"), [0.0, 0.0])

    def test_customer_signs_online(self):
        contract = self._approve(self._contract_from_quote())
        signature = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
        contract.sudo()._ltc_portal_sign("Mr. Customer", signature)
        self.assertEqual(contract.state, "signed")
        self.assertEqual(contract.signed_by, "Mr. Customer")
        self.assertEqual(contract.date_signed, fields.Date.context_today(contract))
        with self.assertRaisesMsg(UserError, "not waiting for the customer's signature"):
            contract.sudo()._ltc_portal_sign("Again", signature)

    def test_signed_terms_change_only_through_an_amendment(self):
        contract = self._sign(self._contract_from_quote())
        as_rep = contract.with_user(self.rep)
        with self.assertRaisesMsg(UserError, "is signed: its terms change only through an amendment"):
            as_rep.write({"date_end": "2030-01-01"})
        with self.assertRaisesMsg(UserError, "only through an amendment"):
            as_rep.line_ids[0].write({"price_unit": 1.0})
        with self.assertRaisesMsg(UserError, "only through an amendment"):
            as_rep.write({"line_ids": [Command.create({"product_id": self.install.id, "price_unit": 1.0})]})
        with self.assertRaisesMsg(UserError, "only through an amendment"):
            as_rep.line_ids[0].unlink()
        with self.assertRaisesMsg(UserError, "kept as signed"):
            as_rep.write({"date_signed": "2020-01-01"})
        self.assertEqual(contract.line_ids[0].price_unit, 10000.0)

    def test_approved_terms_need_back_to_draft(self):
        contract = self._approve(self._contract_from_quote())
        with self.assertRaisesMsg(UserError, "send it back to draft"):
            contract.with_user(self.rep).write({"partner_id": self.dealer.id})
        contract.with_user(self.rep).action_draft()
        contract.with_user(self.rep).write({"dealer_partner_id": self.dealer.id})
        self.assertFalse(contract.review_ids)

    def test_execution_suspension_and_termination_follow_their_rules(self):
        contract = self._sign(self._contract_from_quote())
        as_fr = contract.with_user(self.fr)
        with self.assertRaisesMsg(UserError, r"is Signed: it cannot be suspended \(only when Executing\)"):
            as_fr.action_suspend("customer site closed")
        as_fr.action_execute()
        self.assertEqual(contract.state, "executing")
        with self.assertRaisesMsg(UserError, "Say why contract .* is suspended"):
            as_fr.action_suspend("  ")
        as_fr.action_suspend("customer site closed")
        self.assertEqual((contract.state, contract.suspension_reason), ("suspended", "customer site closed"))
        with self.assertRaisesMsg(UserError, "cannot be closed"):
            as_fr.action_close()
        as_fr.action_resume()
        self.assertEqual(contract.state, "executing")
        self.assertFalse(contract.suspension_reason)
        with self.assertRaisesMsg(UserError, "Say why contract .* is terminated"):
            as_fr.action_terminate("")
        as_fr.action_terminate("customer bankrupt")
        self.assertEqual((contract.state, contract.termination_reason), ("terminated", "customer bankrupt"))
        with self.assertRaisesMsg(UserError, "cannot be terminated"):
            as_fr.action_terminate("again")

    def test_reason_wizard_suspends(self):
        contract = self._executing_contract()
        wizard = self.env["ltc.contract.reason.wizard"].with_user(self.fr).create({
            "contract_id": contract.id, "action": "suspend", "reason": "waiting for site access",
        })
        wizard.action_confirm()
        self.assertEqual(contract.state, "suspended")

    def test_close_needs_milestones_done_lines_delivered_and_invoiced(self):
        contract = self._executing_contract()
        milestone = self.env["ltc.contract.milestone"].with_user(self.fr).create({
            "contract_id": contract.id, "name": "Site acceptance", "date_planned": fields.Date.today(),
        })
        self.assertEqual(milestone.user_id, self.fr, "the FR is responsible by default")
        with self.assertRaisesMsg(UserError, "(?s)cannot be closed yet.*Site acceptance.*is not done.*"
                                             "LTC CT Server: 0.0 of 2.0 delivered.*0.0 of 2.0 invoiced"):
            contract.with_user(self.fr).action_close()
        milestone.with_user(self.fr).action_done()
        order = contract.order_id
        for sol in order.order_line:
            sol.qty_delivered = sol.product_uom_qty
        self.assertEqual(contract.line_ids.mapped("qty_delivered"), [2.0, 1.0])
        with self.assertRaisesMsg(UserError, "(?s)0.0 of 2.0 invoiced"):
            contract.with_user(self.fr).action_close()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(contract.line_ids.mapped("qty_invoiced"), [2.0, 1.0])
        contract.with_user(self.fr).action_close()
        self.assertEqual(contract.state, "closed")
        self.assertEqual(contract.date_closed, fields.Date.context_today(contract))

        as_rep = contract.with_user(self.rep)
        with self.assertRaisesMsg(UserError, "acceptance and a score"):
            as_rep.action_evaluate()
        as_rep.write({"acceptance": "accepted", "score": "4", "lessons": "Plan the site survey earlier."})
        as_rep.action_evaluate()
        self.assertEqual(contract.state, "evaluated")
        self.assertFalse(contract.active, "evaluated contracts are archived")
        self.assertAlmostEqual(contract.eval_revenue, 22000.0)
        self.assertAlmostEqual(contract.eval_cost, 2 * 6000.0 + 800.0)
        self.assertAlmostEqual(contract.eval_margin, 22000.0 - 12800.0)
        self.assertAlmostEqual(contract.schedule_adherence, 100.0)
        with self.assertRaisesMsg(UserError, "evaluated once closed"):
            as_rep.write({"score": "5"})
        with self.assertRaisesMsg(UserError, "through its actions"):
            as_rep.write({"active": True})
        with self.assertRaisesMsg(UserError, "milestones are kept as they are"):
            milestone.with_user(self.fr).write({"name": "renamed"})

    def test_only_draft_contracts_are_deleted(self):
        contract = self._approve(self._contract_from_quote())
        with self.assertRaisesMsg(UserError, "only a draft contract can be deleted"):
            contract.with_user(self.manager).unlink()
        with self.assertRaises(AccessError):
            self._contract_from_quote().with_user(self.rep).unlink()
