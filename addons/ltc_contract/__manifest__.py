{
    "name": "LTC Contracts",
    "summary": "Lead-to-Cash, stage 4: contracts with a full lifecycle",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "author": "LTC developers",
    "website": "https://github.com/ltc-odoo/ltc",
    "license": "LGPL-3",
    "depends": ["ltc_cpq"],
    "data": [
        "views/sale_order_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
