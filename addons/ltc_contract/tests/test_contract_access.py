from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LtcContractCommon


@tagged("post_install", "-at_install")
class TestContractAccess(LtcContractCommon):
    """Reps work on their contracts (AR, SR, FR, sponsor), managers on every contract of their
    companies, accountants read them all; other companies see nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._contract_from_quote()
        cls.other_company = cls.env["res.company"].create({"name": "LTC CT Other Co"})
        cls.outsider = new_test_user(
            cls.env, login="ltc_ct_outsider", groups="base.group_user,sales_team.group_sale_manager",
            company_id=cls.other_company.id, company_ids=[cls.other_company.id],
        )

    def test_iron_triangle_works_on_its_contract(self):
        for user in (self.rep, self.sr, self.fr):
            contract = self.env["ltc.contract"].with_user(user).search([("id", "=", self.contract.id)])
            self.assertEqual(contract, self.contract, user.name)
            contract.write({"title": f"edited by {user.name}"})
        lines = self.env["ltc.contract.line"].with_user(self.fr).search_read(
            [("contract_id", "=", self.contract.id)], ["product_id"])
        self.assertEqual(len(lines), 2)

    def test_other_rep_sees_nothing_of_it(self):
        as_other = self.env["ltc.contract"].with_user(self.other_rep)
        self.assertFalse(as_other.search([("id", "=", self.contract.id)]))
        self.assertFalse(self.env["ltc.contract.line"].with_user(self.other_rep).search_read(
            [("contract_id", "=", self.contract.id)], ["price_unit"]))
        self.assertFalse(as_other.read_group([], ["amount_total:sum"], []) [0]["amount_total"])
        with self.assertRaises(AccessError):
            as_other.browse(self.contract.id).read(["amount_total"])
        with self.assertRaises(AccessError):
            as_other.browse(self.contract.id).write({"title": "mine now"})

    def test_manager_works_on_every_contract_of_the_company(self):
        contract = self.contract.with_user(self.manager)
        contract.write({"title": "managed"})
        self.assertEqual(contract.title, "managed")

    def test_accountant_reads_but_does_not_write(self):
        contract = self.env["ltc.contract"].with_user(self.accountant).browse(self.contract.id)
        self.assertEqual(contract.amount_total, 22000.0)
        self.assertTrue(self.env["ltc.contract.line"].with_user(self.accountant).search(
            [("contract_id", "=", self.contract.id)]))
        with self.assertRaises(AccessError):
            contract.write({"title": "finance edit"})
        with self.assertRaises(AccessError):
            self.env["ltc.contract"].with_user(self.accountant).create({"partner_id": self.customer.id})

    def test_other_company_sees_nothing(self):
        self.assertFalse(self.env["ltc.contract"].with_user(self.outsider).search([]).filtered(
            lambda c: c.company_id == self.company))
        self.assertFalse(self.env["ltc.contract"].with_user(self.outsider).search_count(
            [("id", "=", self.contract.id)]))
        with self.assertRaises(AccessError):
            self.env["ltc.contract"].with_user(self.outsider).browse(self.contract.id).read(["name"])
        self.assertFalse(self.env["ltc.contract.line"].with_user(self.outsider).search(
            [("contract_id", "=", self.contract.id)]))
