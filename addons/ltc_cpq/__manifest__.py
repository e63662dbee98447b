{
    "name": "LTC CPQ",
    "summary": "Lead-to-Cash, stage 3: configure, price, quote — bundles and rules, sellable scope, "
    "rebates, quote versions, tiered discount approval",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_opportunity", "sale_crm", "sale_management", "sale_loyalty", "sale_tier_validation"],
    "data": [
        "views/menus.xml",
    ],
    "installable": True,
}
