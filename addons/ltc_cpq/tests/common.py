from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class LtcCpqFixtures:
    """Fixtures: a rep, a sales manager and a VP; a server bundle with components; products in
    categories; a customer on its own pricelist."""

    @classmethod
    def _setup_ltc_cpq(cls):
        # messages are asserted in English whatever the database's language
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        cls.company = cls.env.company
        cls.company.write({
            "ltc_discount_manager_limit": 10.0,
            "ltc_discount_vp_limit": 30.0,
            "ltc_below_cost_approval": True,
            "ltc_approval_before_send": True,
        })
        cls.rep = new_test_user(
            cls.env, login="ltc_cpq_rep", name="Rep Zhang", groups="sales_team.group_sale_salesman",
        )
        cls.manager = new_test_user(
            cls.env, login="ltc_cpq_manager", name="Manager Li", groups="sales_team.group_sale_manager",
        )
        cls.vp = new_test_user(
            cls.env, login="ltc_cpq_vp", name="VP Wang",
            groups="sales_team.group_sale_manager,ltc_cpq.group_ltc_vp",
        )
        categ_model = cls.env["product.category"]
        cls.categ_hw = categ_model.create({"name": "LTC Hardware"})
        cls.categ_server = categ_model.create({"name": "LTC Servers", "parent_id": cls.categ_hw.id})
        cls.categ_network = categ_model.create({"name": "LTC Network", "parent_id": cls.categ_hw.id})
        cls.categ_service = categ_model.create({"name": "LTC Services"})
        product_model = cls.env["product.product"]

        def product(name, price, cost, categ, **extra):
            return product_model.create({
                "name": name, "list_price": price, "standard_price": cost, "categ_id": categ.id,
                "taxes_id": [Command.clear()], "type": "consu", **extra,
            })

        cls.cpu = product("LTC CPU", 2000.0, 1200.0, cls.categ_server)
        cls.disk = product("LTC Disk", 500.0, 300.0, cls.categ_server)
        cls.psu = product("LTC Redundant PSU", 300.0, 150.0, cls.categ_server)
        cls.rack = product("LTC Rack", 1500.0, 900.0, cls.categ_hw)
        cls.switch = product("LTC Switch", 800.0, 500.0, cls.categ_network)
        cls.install = product("LTC Installation", 1000.0, 400.0, cls.categ_service, type="service")
        cls.server = product("LTC Server", 10000.0, 6000.0, cls.categ_server, is_bundle=True)
        cls.server_tmpl = cls.server.product_tmpl_id
        bundle_line = cls.env["ltc.product.bundle.line"]
        cls.bl_cpu = bundle_line.create({
            "bundle_tmpl_id": cls.server_tmpl.id, "product_id": cls.cpu.id, "required": True,
            "quantity": 2.0, "min_qty": 1.0, "max_qty": 4.0, "price_mode": "included", "sequence": 1,
        })
        cls.bl_disk = bundle_line.create({
            "bundle_tmpl_id": cls.server_tmpl.id, "product_id": cls.disk.id, "required": False,
            "quantity": 2.0, "min_qty": 1.0, "max_qty": 8.0, "price_mode": "added", "sequence": 2,
        })
        cls.bl_psu = bundle_line.create({
            "bundle_tmpl_id": cls.server_tmpl.id, "product_id": cls.psu.id, "required": False,
            "quantity": 1.0, "min_qty": 1.0, "max_qty": 1.0, "price_mode": "added", "sequence": 3,
        })
        cls.customer = cls.env["res.partner"].create({"name": "华东电力 East Power", "is_company": True})
        cls.pricelist = cls.env["product.pricelist"].create({
            "name": "LTC Standard", "currency_id": cls.company.currency_id.id, "company_id": cls.company.id,
        })
        cls.customer.property_product_pricelist = cls.pricelist

    @classmethod
    def _create_quote(cls, lines=(), partner=None, user=None, **vals):
        """``lines``: (product, qty[, price_unit[, discount]]) tuples."""
        line_cmds = []
        for spec in lines:
            product, qty = spec[0], spec[1]
            line_vals = {"product_id": product.id, "product_uom_qty": qty}
            if len(spec) > 2 and spec[2] is not None:
                line_vals["price_unit"] = spec[2]
            if len(spec) > 3:
                line_vals["discount"] = spec[3]
            line_cmds.append(Command.create(line_vals))
        env = cls.env(user=user) if user else cls.env
        return env["sale.order"].create({
            "partner_id": (partner or cls.customer).id,
            "pricelist_id": ((partner or cls.customer).property_product_pricelist or cls.pricelist).id,
            "order_line": line_cmds,
            **vals,
        })

    def _configure_bundle(self, order, quantity=1.0, options=None, user=None):
        """Run the configurator; ``options`` maps component product -> quantity per bundle (or False
        to leave an optional component out)."""
        wizard_model = self.env["ltc.bundle.configurator"]
        if user:
            wizard_model = wizard_model.with_user(user)
        wizard = wizard_model.create({"order_id": order.id, "product_id": self.server.id, "quantity": quantity})
        for line in wizard.line_ids:
            if options and line.product_id in options:
                value = options[line.product_id]
                line.selected = value is not False
                if value is not False:
                    line.quantity = value
        wizard.action_apply()
        return wizard

    @contextmanager
    def assertRaisesMsg(self, exception, regex):
        """``assertRaises`` (rolls the savepoint back) that also checks the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)


class LtcCpqCommon(LtcCpqFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_ltc_cpq()
